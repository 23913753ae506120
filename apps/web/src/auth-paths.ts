/** Where the OpenID provider sends the browser back with the code (the redirect URI). */
export const CALLBACK_PATH = '/aanmelden/terug';
