// The 15-minute city end to end, as the city, a facility manager, residents' wallets and a map
// screen would use it: the city registers two living zones, a paid and a free facility; a
// resident books in the residents-first window while a non-resident is refused until later; the
// monthly quota's next booking fails; a full slot refuses; cancelling 6 days ahead refunds 100 %
// and on the day 0 %; a closure cancels and refunds a booking; a booking not checked in is a
// no-show once its slot ends and suspends the citizen in that category; "near me" returns the
// nearest facilities first, reading only the zones around the point.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, rpcHttp } from './lib/node.js';
import { devAccounts, freshAccount, commitment, submit, submitOk, sealBlocks } from './lib/tx.js';

const DAY = 86_400_000;
const KST = 9 * 60 * 60_000;
const DBW = 1;
const FEE = 10_000n;
const WALLET = 100_000n;
const HALLS = 10; // quota 2 a month
const STUDY = 11; // one no-show suspends
// Two zones on Jeju, far from the Busan facilities every dev chain starts with.
const ZONE_A = { id: 61, point: { latMicro: 33_499_000, lonMicro: 126_531_000 } };
const ZONE_B = { id: 62, point: { latMicro: 33_560_000, lonMicro: 126_400_000 } };
const ALL_DAY = [0, 1440];
let node;
let api;
let a;
let resident;
let visitor;
let paid;
let free;

before(async () => {
  node = await startNode();
  api = node.api;
  a = await devAccounts();
  resident = freshAccount(a.keyring, 'fb-resident');
  visitor = freshAccount(a.keyring, 'fb-visitor');
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
// `maxFee`: the most the citizen agrees to pay (the fee their wallet showed; 0 when free).
const book = (who, facility, day, slot, party, maxFee) => submit(api, api.tx.facilityBooking.book(facility, day, slot, party, maxFee), who);
const bookingOf = (events) => events.find((e) => api.events.facilityBooking.Booked.is(e)).data.booking.toNumber();
const cancelled = (events) => events.find((e) => api.events.facilityBooking.Cancelled.is(e)).data;
const spec = (category, location, slotMinutes, fee, refundTiers) => ({
  zone: ZONE_A.id,
  category,
  name: name('제주 시험 시설', 'Jeju test facility'),
  location,
  capacity: 2,
  maxParty: 2,
  hours: [ALL_DAY, ALL_DAY, ALL_DAY, ALL_DAY, ALL_DAY, ALL_DAY, ALL_DAY],
  slotMinutes,
  residentHorizonDays: 14,
  publicHorizonDays: 7,
  fee,
  refundTiers,
  manager: a.dave.address,
});

test('the city registers two zones, a paid and a free facility, and two citizens', async () => {
  const rules = (monthlyQuota, noShowLimit) => ({ monthlyQuota, noShowLimit, noShowWindow: 90 * DAY, suspension: 30 * DAY });
  const events = await sudo(api.tx.utility.batchAll([
    // A neighbour must exist: zone B first, then A next to it, then B again next to A.
    api.tx.facilityBooking.registerZone(ZONE_B.id, name('제주 서부', 'Jeju West'), ZONE_B.point, []),
    api.tx.facilityBooking.registerZone(ZONE_A.id, name('제주 동부', 'Jeju East'), ZONE_A.point, [ZONE_B.id]),
    api.tx.facilityBooking.registerZone(ZONE_B.id, name('제주 서부', 'Jeju West'), ZONE_B.point, [ZONE_A.id]),
    api.tx.facilityBooking.setCategory(HALLS, name('체육관', 'Halls'), rules(2, 0)),
    api.tx.facilityBooking.setCategory(STUDY, name('열람실', 'Study rooms'), rules(0, 1)),
    api.tx.facilityBooking.registerFacility(spec(HALLS, { latMicro: 33_500_000, lonMicro: 126_532_000 }, 60, FEE,
      [{ minDaysBefore: 5, percent: 100 }, { minDaysBefore: 1, percent: 90 }])),
    api.tx.facilityBooking.registerFacility(spec(STUDY, { latMicro: 33_505_000, lonMicro: 126_528_000 }, 15, null, [])),
    api.tx.citizenId.registerIssuer(a.charlie.address, ['Resident']),
  ]));
  await submitOk(api, api.tx.utility.batchAll([
    api.tx.assets.transfer(DBW, resident.address, WALLET),
    api.tx.assets.transfer(DBW, visitor.address, WALLET),
  ]), a.alice);
  [paid, free] = events.filter((e) => api.events.facilityBooking.FacilityRegistered.is(e)).map((e) => e.data.facility.toNumber());
  const t = await now();
  for (const [who, zone] of [[resident, ZONE_A.id], [visitor, ZONE_B.id]]) {
    const registered = await submitOk(api, api.tx.citizenId.registerCitizen(who.address, commitment(who.address), zone), a.charlie);
    const id = registered.find((e) => api.events.citizenId.CitizenRegistered.is(e)).data.citizen;
    await submitOk(api, api.tx.citizenId.issueClaim(id, { Resident: { zone, since: t - 400 * DAY } }, t - 1000, t + 365 * DAY), a.charlie);
  }
});

test('"near me" returns the nearest facilities first and reads only the zones around the point', async () => {
  const here = { lat: 33_499_500, lon: 126_531_500 };
  const near = await rpc('facility_near', [here.lat, here.lon, 5_000]);
  assert.deepEqual(near.map((f) => f.id), [paid, free]);
  assert.ok(near[0].distanceM < near[1].distanceM);
  const study = await rpc('facility_near', [here.lat, here.lon, 5_000, STUDY]);
  assert.deepEqual(study.map((f) => f.id), [free]);
  assert.equal(await rpc('facility_zoneOf', [here.lat, here.lon]), ZONE_A.id);
  // Busan's genesis facilities: the Simin library is the nearest to its own doorstep.
  const busan = await rpc('facility_near', [35_161_800, 129_043_000, 3_000, null, 3]);
  assert.equal(busan[0].name.en.length > 0, true);
  assert.equal(busan[0].zone, 5);
  await assert.rejects(rpc('facility_near', [95_000_000, 0, 1_000]), (e) => e.code === -32602);
  await assert.rejects(rpc('facility_near', [here.lat, here.lon, 1_000, null, 10, null, 'extra']), (e) => e.code === -32602);
});

test('a resident books in the residents-first window; a non-resident is refused until the public window', async () => {
  const day = await today();
  const before = await dbw(resident);
  const tooLow = await book(resident, paid, day + 10, 13, 1, FEE - 1n);
  assert.equal(tooLow.error, 'facilityBooking.FeeAboveLimit', 'a fee above what the wallet showed is refused');
  assert.equal(await dbw(resident), before, 'and nothing is paid');
  const { events, error } = await book(resident, paid, day + 10, 10, 1, FEE);
  assert.equal(error, null);
  assert.ok(!feePaid(events), 'booking is a fee-free public service');
  assert.equal(await dbw(resident), before - FEE, 'the fee went to the facility');
  const refused = await book(visitor, paid, day + 10, 10, 1, FEE);
  assert.equal(refused.error, 'facilityBooking.ResidentsOnly');
  const { error: ok } = await book(visitor, paid, day + 6, 10, 2, FEE);
  assert.equal(ok, null, 'inside the public window everyone books');
});

test('a full slot refuses, and the monthly quota\'s next booking fails', async () => {
  const day = await today();
  assert.equal((await book(resident, paid, day + 6, 10, 1, FEE)).error, 'facilityBooking.SlotFull');
  assert.equal((await book(resident, paid, day + 10, 11, 1, FEE)).error, null);
  assert.equal((await book(resident, paid, day + 10, 12, 1, FEE)).error, 'facilityBooking.MonthlyQuotaReached');
  const slots = await rpc('facility_freePlaces', [paid, day + 10]);
  const at = (s) => slots.find((x) => x.slot === s);
  assert.equal(at(10).taken, 1);
  assert.equal(at(11).free, 1);
});

test('cancelling 6 days ahead refunds 100 %, on the day 0 %', async () => {
  const day = await today();
  const mine = await rpc('facility_citizenBookings', [resident.address]);
  const later = mine.upcoming.find((b) => b.day === day + 10 && b.slot === 11);
  await submitOk(api, api.tx.facilityBooking.cancel(later.id), resident); // frees a quota place
  const sixAhead = bookingOf(await submitOk(api, api.tx.facilityBooking.book(paid, day + 6, 11, 1, FEE), resident));
  let before = await dbw(resident);
  const refund6 = cancelled(await submitOk(api, api.tx.facilityBooking.cancel(sixAhead), resident));
  assert.equal(refund6.refund.toBigInt(), FEE);
  assert.equal(await dbw(resident), before + FEE);
  // The next slot today (local time); past 23:00 there is none left, so tomorrow's 90 % tier.
  const localMinutes = Math.floor(((await now()) + KST) % DAY / 60_000);
  const sameDay = localMinutes < 23 * 60;
  const slot = sameDay ? Math.floor(localMinutes / 60) + 1 : 0;
  const onDay = bookingOf(await submitOk(api, api.tx.facilityBooking.book(paid, sameDay ? day : day + 1, slot, 1, FEE), resident));
  before = await dbw(resident);
  const refund0 = cancelled(await submitOk(api, api.tx.facilityBooking.cancel(onDay), resident));
  assert.equal(refund0.refund.toBigInt(), sameDay ? 0n : FEE * 9n / 10n);
  assert.equal(await dbw(resident), before + refund0.refund.toBigInt());
});

test('a closure cancels the clashing booking with a full refund, in the blocks that follow', async () => {
  const day = await today();
  const before = await dbw(visitor);
  await submitOk(api, api.tx.facilityBooking.close(paid, day + 6, day + 6), a.dave);
  for (let i = 0; i < 5 && (await dbw(visitor)) === before; i += 1) await sealBlocks(api, 1);
  assert.equal(await dbw(visitor), before + FEE, 'refunded in full');
  const mine = await rpc('facility_citizenBookings', [visitor.address]);
  assert.equal(mine.upcoming.length, 0);
  assert.equal((await book(visitor, paid, day + 6, 12, 1, FEE)).error, 'facilityBooking.ClosedOnDay');
});

test('a booking not checked in is a no-show once its slot ends, and suspends the citizen in that category', async () => {
  const localMinutes = Math.floor(((await now()) + KST) % DAY / 60_000);
  let day = await today();
  let slot = Math.floor(localMinutes / 15) + 1;
  if (slot >= 96) { day += 1; slot = 0; }
  const booking = bookingOf(await submitOk(api, api.tx.facilityBooking.book(free, day, slot, 1, 0), resident));
  const end = (await rpc('facility_citizenBookings', [resident.address])).upcoming.find((b) => b.id === booking).end;
  // Each sealed block moves the dev chain's clock on by at least a slot (6 s).
  while ((await now()) <= end) await sealBlocks(api, 10);
  const mine = await rpc('facility_citizenBookings', [resident.address]);
  assert.deepEqual(mine.noShows.map((b) => b.id), [booking]);
  const study = mine.categories.find((c) => c.category === STUDY);
  assert.equal(study.noShows, 1);
  assert.ok(study.suspendedUntil > (await now()));
  const next = await book(resident, free, (await today()) + 1, 40, 1, 0);
  assert.equal(next.error, 'facilityBooking.SuspendedForNoShows');
});
