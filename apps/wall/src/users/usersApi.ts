// The accounts' HTTP calls (docs/api/users.md), validated with the shared protocol schemas.
import {
  type PasswordChange,
  type SessionInfo,
  type SessionView,
  type UserCreate,
  type UserList,
  type UserPatch,
  type UserView,
  zSessionInfo,
  zSessionList,
  zTemporaryPassword,
  zUserList,
  zUserView,
} from "@cw/protocol";
import { request, requestParsed } from "../api/http";

const user = (name: string) => `/api/v1/users/${encodeURIComponent(name)}`;

export const usersApi = {
  list: (): Promise<UserList> => requestParsed(zUserList, "/api/v1/users"),
  create: (body: UserCreate): Promise<UserView> => requestParsed(zUserView, "/api/v1/users", { method: "POST", body }),
  update: (name: string, body: UserPatch): Promise<UserView> =>
    requestParsed(zUserView, user(name), { method: "PATCH", body }),
  resetPassword: async (name: string): Promise<string> =>
    (await requestParsed(zTemporaryPassword, `${user(name)}/reset-password`, { method: "POST" })).temporaryPassword,
  unlock: (name: string): Promise<UserView> => requestParsed(zUserView, `${user(name)}/unlock`, { method: "POST" }),
  sessions: async (name: string): Promise<SessionView[]> =>
    (await requestParsed(zSessionList, `${user(name)}/sessions`)).sessions,
  revoke: async (sessionId: string): Promise<void> => {
    await request(`/api/v1/sessions/${encodeURIComponent(sessionId)}`, { method: "DELETE" });
  },
  changePassword: (body: PasswordChange): Promise<SessionInfo> =>
    requestParsed(zSessionInfo, "/api/v1/session/password", { method: "PUT", body }),
};
