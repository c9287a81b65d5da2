// Courses with waitlists and events near me, end to end, as a facility manager, residents'
// wallets and a map screen would use them: a paid two-seat course fills; the next citizen is
// waitlisted at position 1; a withdrawal offers them the seat, they confirm and pay and are
// enrolled; an offer left unconfirmed passes to the next in line once its minute is up (the
// chain's idle hook); a cancelled course refunds every seat in full; events near a point in a
// date range come back nearest first, and a capacity-limited one takes registrations up to its
// capacity. Enrolling, withdrawing, confirming and registering are fee-free.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, rpcHttp } from './lib/node.js';
import { devAccounts, freshAccount, commitment, submit, submitOk, sealBlocks } from './lib/tx.js';

const DAY = 86_400_000;
const DBW = 1;
const FEE = 30_000n;
const WALLET = 100_000n;
const CLASSES = 20; // a category of its own
// Two zones on Jeju, far from the Busan facilities every dev chain starts with.
const ZONE_A = { id: 61, point: { latMicro: 33_499_000, lonMicro: 126_531_000 } };
const ZONE_B = { id: 62, point: { latMicro: 33_560_000, lonMicro: 126_400_000 } };
const ALL_DAY = [0, 1440];
let node;
let api;
let a;
let citizens; // [{ pair, id }]
let facility;
let course;

before(async () => {
  node = await startNode();
  api = node.api;
  a = await devAccounts();
  citizens = [0, 1, 2, 3, 4].map((i) => ({ pair: freshAccount(a.keyring, `course-${i}`) }));
});

after(async () => { await node?.stop(); });

const sudo = (call) => submitOk(api, api.tx.sudo.sudo(call), a.alice);
const now = async () => (await api.query.timestamp.now()).toNumber();
const today = async () => (await api.call.facilityBookingApi.today()).toNumber();
const dbw = async (who) => {
  const account = await api.query.assets.account(DBW, who.address ?? who);
  return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
};
const rpc = async (method, params) => {
  const response = await rpcHttp(node.port, method, params);
  if (response.error) throw Object.assign(new Error(`${method}: ${JSON.stringify(response.error)}`), { code: response.error.code });
  return response.result;
};
const feePaid = (events) => events.some((e) => api.events.transactionPayment.TransactionFeePaid.is(e));
const name = (ko, en) => ({ ko, en });
const found = (events, kind) => events.filter((e) => api.events.facilityBooking[kind].is(e)).map((e) => e.data);
const standing = async (who) => {
  const mine = await rpc('facility_citizenCourses', [who.pair.address]);
  return mine.courses.find((c) => c.course === course)?.standing;
};
const enroll = (who) => submit(api, api.tx.facilityBooking.enroll(course, FEE), who.pair);

test('the city registers a zone, a category and a facility managed by Dave; five residents hold local currency', async () => {
  const rules = { monthlyQuota: 0, noShowLimit: 0, noShowWindow: 0, suspension: 0 };
  const events = await sudo(api.tx.utility.batchAll([
    api.tx.facilityBooking.registerZone(ZONE_B.id, name('제주 서부', 'Jeju West'), ZONE_B.point, []),
    api.tx.facilityBooking.registerZone(ZONE_A.id, name('제주 동부', 'Jeju East'), ZONE_A.point, [ZONE_B.id]),
    api.tx.facilityBooking.setCategory(CLASSES, name('강좌', 'Classes'), rules),
    api.tx.facilityBooking.registerFacility({
      zone: ZONE_A.id,
      category: CLASSES,
      name: name('제주 수영장', 'Jeju pool'),
      location: { latMicro: 33_500_000, lonMicro: 126_532_000 },
      capacity: 2,
      maxParty: 2,
      hours: [ALL_DAY, ALL_DAY, ALL_DAY, ALL_DAY, ALL_DAY, ALL_DAY, ALL_DAY],
      slotMinutes: 60,
      residentHorizonDays: 14,
      publicHorizonDays: 7,
      fee: null,
      refundTiers: [],
      manager: a.dave.address,
    }),
    api.tx.citizenId.registerIssuer(a.charlie.address, ['Resident']),
  ]));
  facility = events.find((e) => api.events.facilityBooking.FacilityRegistered.is(e)).data.facility.toNumber();
  await submitOk(api, api.tx.utility.batchAll(citizens.map((c) => api.tx.assets.transfer(DBW, c.pair.address, WALLET))), a.alice);
  const t = await now();
  for (const c of citizens) {
    const registered = await submitOk(api, api.tx.citizenId.registerCitizen(c.pair.address, commitment(c.pair.address), ZONE_A.id), a.charlie);
    c.id = registered.find((e) => api.events.citizenId.CitizenRegistered.is(e)).data.citizen.toNumber();
    await submitOk(api, api.tx.citizenId.issueClaim(c.id, { Resident: { zone: ZONE_A.id, since: t - 400 * DAY } }, t - 1000, t + 365 * DAY), a.charlie);
  }
});

test('Dave publishes a paid two-seat course; it is found near the pool while enrolment is open', async () => {
  const t = await now();
  const day = await today();
  const events = await submitOk(api, api.tx.facilityBooking.publishCourse(facility, {
    name: name('어린이 수영 강습', 'Swimming for children'),
    sessions: [
      { day: day + 10, startMinute: 600, endMinute: 660 },
      { day: day + 12, startMinute: 600, endMinute: 660 },
    ],
    seats: 2,
    fee: FEE,
    residentsFrom: t - 1000,
    publicFrom: t - 1000,
    enrolUntil: t + 9 * DAY,
    offerMinutes: 1,
    requiredClaims: [],
    refundTiers: [{ minDaysBefore: 5, percent: 100 }, { minDaysBefore: 1, percent: 90 }],
  }), a.dave);
  course = found(events, 'CoursePublished')[0].course.toNumber();
  const near = await rpc('facility_coursesNear', [33_500_100, 126_532_100, 2_000]);
  assert.deepEqual(near.map((c) => c.id), [course]);
  assert.equal(near[0].seats, 2);
  assert.equal(near[0].free, 2);
  await assert.rejects(rpc('facility_coursesNear', [33_500_100, 126_532_100, 200_000]), (e) => e.code === -32602);
  await assert.rejects(rpc('facility_course', [course + 99]), (e) => e.code === 7404);
});

test('the course fills and the next citizen is waitlisted at position 1, fee-free', async () => {
  for (const c of citizens.slice(0, 2)) {
    const { events, error } = await enroll(c);
    assert.equal(error, null);
    assert.ok(!feePaid(events), 'enrolling is a fee-free public service');
    assert.equal(found(events, 'Enrolled')[0].paid.toBigInt(), FEE);
    assert.equal(await dbw(c.pair), WALLET - FEE);
  }
  for (const [i, c] of citizens.slice(2).entries()) {
    const { events, error } = await enroll(c);
    assert.equal(error, null);
    assert.equal(found(events, 'Waitlisted')[0].position.toNumber(), i + 1);
    assert.equal(await dbw(c.pair), WALLET, 'a waitlist place costs nothing');
  }
  assert.deepEqual(await standing(citizens[2]), { Waiting: { position: 1 } });
  assert.deepEqual(await standing(citizens[4]), { Waiting: { position: 3 } });
  const view = (await api.call.facilityBookingApi.course(course)).unwrap();
  assert.equal(view.enrolled.toNumber(), 2);
  assert.equal(view.waiting.toNumber(), 3);
  assert.equal(view.free.toNumber(), 0);
  assert.equal((await enroll(citizens[0])).error, 'facilityBooking.AlreadyEnrolled');
  assert.equal((await enroll(citizens[2])).error, 'facilityBooking.AlreadyEnrolled');
});

test('a withdrawal offers the seat to the head of the waitlist, who confirms, pays and is enrolled', async () => {
  const { events } = await submit(api, api.tx.facilityBooking.withdraw(course), citizens[0].pair);
  assert.ok(!feePaid(events));
  assert.equal(found(events, 'Withdrew')[0].refund.toBigInt(), FEE, '10 days ahead: 100 %');
  assert.equal(await dbw(citizens[0].pair), WALLET);
  assert.equal(found(events, 'SeatOffered')[0].citizen.toNumber(), citizens[2].id);
  const offered = await standing(citizens[2]);
  assert.equal(offered.Offered.expired, false);
  assert.deepEqual(await standing(citizens[3]), { Waiting: { position: 1 } });
  const confirmed = await submit(api, api.tx.facilityBooking.confirmOffer(course, FEE), citizens[2].pair);
  assert.equal(confirmed.error, null);
  assert.ok(!feePaid(confirmed.events));
  const enrolled = found(confirmed.events, 'Enrolled')[0];
  assert.equal(enrolled.fromOffer.isTrue, true);
  assert.equal(await dbw(citizens[2].pair), WALLET - FEE);
  assert.equal(await standing(citizens[2]), 'Enrolled');
});

test('an offer not confirmed within its minute passes to the next in line', async () => {
  const { events } = await submit(api, api.tx.facilityBooking.withdraw(course), citizens[1].pair);
  const offer = found(events, 'SeatOffered')[0];
  assert.equal(offer.citizen.toNumber(), citizens[3].id);
  const until = offer.until.toNumber();
  // Each sealed block moves the dev chain's clock on by at least 6 s; the idle hook passes the
  // expired offer on.
  for (let i = 0; i < 40; i += 1) {
    await sealBlocks(api, 1);
    if ((await now()) > until && (await standing(citizens[4]))?.Offered) break;
  }
  assert.ok((await now()) > until);
  assert.equal(await standing(citizens[3]), undefined, 'the lapsed offer took the citizen out');
  assert.equal((await standing(citizens[4])).Offered.expired, false);
  const late = await submit(api, api.tx.facilityBooking.confirmOffer(course, FEE), citizens[3].pair);
  assert.equal(late.error, 'facilityBooking.NotEnrolled');
  await submitOk(api, api.tx.facilityBooking.confirmOffer(course, FEE), citizens[4].pair);
  assert.equal(await standing(citizens[4]), 'Enrolled');
  assert.equal(await dbw(citizens[3].pair), WALLET, 'an unconfirmed offer costs nothing');
});

test('a cancelled course refunds every seat in full', async () => {
  assert.equal(await dbw(citizens[2].pair), WALLET - FEE);
  assert.equal(await dbw(citizens[4].pair), WALLET - FEE);
  await submitOk(api, api.tx.facilityBooking.cancelCourse(course), a.dave);
  for (let i = 0; i < 5 && (await api.call.facilityBookingApi.course(course)).isSome; i += 1) await sealBlocks(api, 1);
  assert.ok((await api.call.facilityBookingApi.course(course)).isNone, 'the course is gone');
  for (const c of citizens) assert.equal(await dbw(c.pair), WALLET, 'everyone holds what they started with');
  const mine = await rpc('facility_citizenCourses', [citizens[2].pair.address]);
  assert.equal(mine.courses.length, 0);
});

test('events near a point in a date range come back nearest first; registration is capacity-limited', async () => {
  const t = await now();
  const day = await today();
  const here = { latMicro: 33_499_500, lonMicro: 126_531_500 };
  const at = (dLat) => ({ latMicro: here.latMicro + dLat, lonMicro: here.lonMicro });
  const spec = (place, start, capacity, zone = ZONE_A.id) => ({
    name: name('제주 축제', 'Jeju festival'), zone, place, facility: null, start, end: start + 2 * 3_600_000, capacity,
  });
  const events = await sudo(api.tx.utility.batchAll([
    api.tx.facilityBooking.listEvent(spec(at(3_000), t + DAY, null)),
    api.tx.facilityBooking.listEvent(spec(at(500), t + 2 * DAY, 1)),
    api.tx.facilityBooking.listEvent(spec(at(100), t + 20 * DAY, null)),
    api.tx.facilityBooking.listEvent(spec(ZONE_B.point, t + DAY, null, ZONE_B.id)),
  ]));
  const [farther, nearer, later, west] = found(events, 'EventListed').map((e) => e.event.toNumber());
  const week = await rpc('facility_eventsNear', [here.latMicro, here.lonMicro, 5_000, day, day + 7]);
  assert.deepEqual(week.map((e) => e.id), [nearer, farther]);
  assert.ok(week[0].distanceM < week[1].distanceM);
  const month = await rpc('facility_eventsNear', [here.latMicro, here.lonMicro, 50_000, day, day + 30]);
  assert.deepEqual(month.map((e) => e.id), [later, nearer, farther, west]);
  await assert.rejects(rpc('facility_eventsNear', [here.latMicro, here.lonMicro, 5_000, day + 7, day]), (e) => e.code === -32602);
  const first = await submit(api, api.tx.facilityBooking.registerForEvent(nearer), citizens[0].pair);
  assert.equal(first.error, null);
  assert.ok(!feePaid(first.events), 'registering is a fee-free public service');
  const second = await submit(api, api.tx.facilityBooking.registerForEvent(nearer), citizens[1].pair);
  assert.equal(second.error, 'facilityBooking.EventFull');
  const event = await rpc('facility_event', [nearer]);
  assert.equal(event.registered, 1);
  const mine = await rpc('facility_citizenCourses', [citizens[0].pair.address]);
  assert.deepEqual(mine.events.map((e) => e.event), [nearer]);
});
