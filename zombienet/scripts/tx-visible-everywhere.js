// City hall sends native tokens to a fresh account through this node; returns on how many of
// the four validators the transfer is then visible.
const { Keyring } = require("@polkadot/api");
const { cryptoWaitReady } = require("@polkadot/util-crypto");
const { connect, sleep } = require("./common.js");

async function run(nodeName, networkInfo) {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: "sr25519" });
  const cityHall = keyring.addFromUri("//CityHall");
  const recipient = keyring.addFromUri(`//zombienet//${Date.now()}`);
  const amount = 1_000_000_000_000n;
  const api = await connect(networkInfo, nodeName);
  try {
    await new Promise((resolve, reject) => {
      api.tx.balances
        .transferKeepAlive(recipient.address, amount)
        .signAndSend(cityHall, ({ status, dispatchError }) => {
          if (dispatchError) reject(new Error(dispatchError.toString()));
          if (status.isInBlock) resolve();
        })
        .catch(reject);
    });
  } finally {
    await api.disconnect();
  }
  let seen = 0;
  for (const name of ["cityHall", "partnerBank", "districtOffice", "university"]) {
    const node = await connect(networkInfo, name);
    try {
      for (let i = 0; i < 60; i += 1) {
        const { data } = await node.query.system.account(recipient.address);
        if (data.free.toBigInt() === amount) { seen += 1; break; }
        await sleep(1000);
      }
    } finally {
      await node.disconnect();
    }
  }
  console.log(`\ttransfer visible on ${seen} of 4 validators`);
  return seen;
}

module.exports = { run };
