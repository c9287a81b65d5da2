// Helpers for the zombienet js-script assertions (CommonJS: zombienet `require`s them).
const { ApiPromise, WsProvider } = require("@polkadot/api");

async function connect(networkInfo, nodeName) {
  const { wsUri } = networkInfo.nodesByName[nodeName];
  return ApiPromise.create({ provider: new WsProvider(wsUri), noInitWarn: true });
}

async function height(api, which) {
  if (which === "finalized") {
    const hash = await api.rpc.chain.getFinalizedHead();
    return (await api.rpc.chain.getHeader(hash)).number.toNumber();
  }
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { connect, height, sleep };
