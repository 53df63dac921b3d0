// Runs once, when the official mongo image initialises an empty data volume (docker-compose.yml):
// one user per service and one for the portal (its evaluation read model, database portal), readWrite on its own
// database and nothing else (issue 13). The passwords
// come from the environment (.env, made by infra/docker/compose-secrets.sh; never in git).
const services = ['applications', 'eligibility', 'payments', 'tech-contracts', 'fund-investments', 'portal'];
for (const service of services) {
  const variable = 'SUSONG_MONGO_' + service.toUpperCase().replace(/-/g, '_') + '_PASSWORD';
  const password = process.env[variable];
  if (!password) {
    throw new Error(variable + ' is not set: run infra/docker/compose-secrets.sh before docker compose up');
  }
  db.getSiblingDB(service).createUser({user: service, pwd: password, roles: [{role: 'readWrite', db: service}]});
  print('susong-users: ' + service + ' may read and write database ' + service + ' only');
}
