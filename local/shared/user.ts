// Apps Script's User (Base.User): the person behind Session.getActiveUser and Spreadsheet.getEditors, by email.

export class User {
  constructor(private readonly _email: string) {}
  getEmail(): string {
    return this._email;
  }
  getUserLoginId(): string {
    return this._email;
  }
  getNickname(): string {
    return this._email.split('@')[0] ?? '';
  }
  toString(): string {
    return this._email;
  }
}
