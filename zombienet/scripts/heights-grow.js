// Waits until the node's best or finalized height has grown by `by` blocks from now;
// returns how much it grew. Args: "best|finalized,by".
const { connect, height, sleep } = require("./common.js");

async function run(nodeName, networkInfo, args) {
  const [which, by] = [args[0], Number(args[1] || 1)];
  const api = await connect(networkInfo, nodeName);
  try {
    const start = await height(api, which);
    for (;;) {
      const now = await height(api, which);
      if (now - start >= by) {
        console.log(`\t${nodeName}: ${which} ${start} -> ${now}`);
        return now - start;
      }
      await sleep(1000);
    }
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
