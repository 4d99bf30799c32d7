import type { Person } from './demoTypes';

const domain = 'healthcare-platform.com';
const p = (name: string, user: string, tz: string): Person => ({ name, email: `${user}@${domain}`, tz });

/** The engineers behind the three demo repositories (one company, three teams). */
export const people = {
  alice: p('Alice Chen', 'alice.chen', '+0000'),
  bob: p('Bob Martinez', 'bob', '+0000'),
  carol: p('Carol Nguyen', 'carol.nguyen', '+0100'),
  david: p('David Okafor', 'david.okafor', '+0000'),
  eve: p('Eve Kowalski', 'eve.kowalski', '+0100'),
  frank: p('Frank Li', 'frank.li', '+0200'),
  grace: p('Grace Park', 'grace.park', '-0500'),
  hiro: p('Hiro Tanaka', 'hiro.tanaka', '+0900'),
  isabel: p('Isabel Duarte', 'isabel.duarte', '-0300'),
  jamal: p('Jamal Carter', 'jamal.carter', '-0500'),
  kim: p('Kim Larsen', 'kim.larsen', '+0100'),
  lena: p('Lena Fischer', 'lena.fischer', '+0100'),
  mohammed: p('Mohammed Aziz', 'mohammed.aziz', '+0000'),
  nora: p('Nora Quinn', 'nora.quinn', '-0500'),
  oscar: p('Oscar Reyes', 'oscar.reyes', '-0600'),
  priya: p('Priya Raman', 'priya.raman', '+0530'),
  dependabot: { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com', tz: '+0000' } as Person,
  deployBot: { name: 'deploy-bot', email: `deploy-bot@${domain}`, tz: '+0000' } as Person,
};
