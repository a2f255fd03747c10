// The most common passwords of at least 8 characters from public breach corpora
// (shorter ones are already rejected by the length rule). Small on purpose: it ships
// in the Worker bundle. Compared lower-cased.
const COMMON = new Set([
  '12345678', '123456789', '1234567890', '12345678910', '11111111', '00000000', '88888888', '87654321',
  '11223344', '12341234', '12121212', '123123123', '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx', 'qwertyuiop',
  'qwerty123', 'qwerty12', 'qwertyui', 'password', 'password1', 'password12', 'password123', 'passw0rd',
  'p@ssw0rd', 'p@ssword', 'iloveyou', 'iloveyou1', 'princess', 'sunshine', 'football', 'baseball',
  'welcome1', 'welcome123', 'abcd1234', 'abc12345', 'abcdefgh', 'asdfghjkl', 'zxcvbnm1', 'zaq12wsx',
  'superman', 'starwars', 'trustno1', 'letmein1', 'whatever', 'dragon12', 'jennifer', 'michelle',
  'computer', 'internet', 'corvette', 'mercedes', 'liverpool', 'chelsea1', 'arsenal1', 'charlie1',
  'monkey12', 'shadow12', 'master12', 'michael1', 'jordan23', 'samsung1', 'admin123', 'administrator',
  'changeme', 'changeme1', 'default1', 'secret12', 'qazwsxedc', 'q1w2e3r4', 'q1w2e3r4t5', 'a1b2c3d4',
  'aa123456', 'aa12345678', 'azertyuiop', 'heslo123', 'heslo1234', 'hesloheslo', 'prosinec', 'tandem123',
  'myspace1', 'football1', 'basketball', 'butterfly', 'pokemon1', 'freedom1', 'loveyou1', 'blink182',
  'matrix12', 'soccer12', 'hello123', 'hellohello', 'test1234', 'testtest', 'testing1', 'qwer1234',
  'asdf1234', 'zxcv1234', '1234qwer', '123qweasd', '147258369', '987654321', '123654789', '159753456',
  '789456123', '741852963', '5201314520', '66666666', '99999999', '77777777', '55555555', '22222222',
]);

export function isCommonPassword(lowerCased: string): boolean {
  return COMMON.has(lowerCased);
}
