// Waits until this node's finalized height reaches the reference node's finalized height as
// it was when the check started; returns the seconds it took. Args: "referenceNode".
const { connect, height, sleep } = require("./common.js");

async function run(nodeName, networkInfo, args) {
  const reference = await connect(networkInfo, args[0]);
  const target = await height(reference, "finalized");
  await reference.disconnect();
  const started = Date.now();
  for (;;) {
    try {
      const api = await connect(networkInfo, nodeName);
      try {
        for (;;) {
          const now = await height(api, "finalized");
          if (now >= target) {
            const seconds = Math.round((Date.now() - started) / 1000);
            console.log(`\t${nodeName}: finalized #${now} >= #${target} after ${seconds}s`);
            return seconds;
          }
          await sleep(1000);
        }
      } finally {
        await api.disconnect();
      }
    } catch (e) {
      // The node may still be starting after a restart.
      await sleep(1000);
    }
  }
}

module.exports = { run };
