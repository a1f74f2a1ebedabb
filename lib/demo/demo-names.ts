/**
 * Synthetic learner names: common first and last names from several
 * languages, some with accents, apostrophes, a comma or non-Latin script —
 * the names real cohorts have, which the exports must quote correctly.
 */
const FIRST = [
  "Ada",
  "Grace",
  "Alan",
  "Zoë",
  "José",
  "Łukasz",
  "Amélie",
  "Søren",
  "Aiko",
  "Chiara",
  "Oluwaseun",
  "Priya",
  "Mateo",
  "Ines",
  "Kwame",
  "Yara",
  "Nikolai",
  "Fatima",
  "Liam",
  "Mei",
  "Björn",
  "Ana",
  "Tomás",
  "Hana",
];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "O'Brien",
  "Nguyễn",
  "García",
  "Kowalski",
  "Müller",
  "Sato",
  "Rossi",
  "Okafor",
  "Sharma",
  "Dubois",
  "Andersen",
  "Mensah",
  "Haddad",
  "Ivanova",
  "Kim",
  "Smith, Jr.",
  "王",
  "Costa",
  "Novák",
];

export function demoLearnerName(index: number): string {
  const first = FIRST[index % FIRST.length];
  const last = LAST[Math.floor(index / FIRST.length) % LAST.length];
  const round = Math.floor(index / (FIRST.length * LAST.length));
  return round === 0 ? `${first} ${last}` : `${first} ${last} ${round + 1}`;
}
