// Initiates the replica set once (a rerun finds it initiated and does nothing). The members are
// the StatefulSet's stable names behind the headless Service.
const members = Number(process.env.MONGODB_REPLICAS);
const namespace = process.env.POD_NAMESPACE;
const host = (i) => `mongodb-${i}.mongodb.${namespace}.svc.cluster.local:27017`;
try {
  rs.status();
  print('replica set already initiated');
} catch (e) {
  if (e.codeName !== 'NotYetInitialized') {
    throw e;
  }
  rs.initiate({ _id: 'rs0', members: [...Array(members).keys()].map((i) => ({ _id: i, host: host(i) })) });
  print(`replica set rs0 initiated with ${members} members`);
}
