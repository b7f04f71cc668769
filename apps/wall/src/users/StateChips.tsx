// A user's states as chips in words: 正常 (green), 已停用, 已锁定 (red), 待改密 (amber).
import type { UserView } from "@cw/protocol";
import { useT } from "../i18n/useT";
import { userStates } from "./usersModel";

const stateTone = { active: "light-green", disabled: "", locked: "light-red", mustChange: "light-yellow" } as const;

export function StateChips({ user, testId }: { user: UserView; testId: string }) {
  const t = useT();
  return (
    <span className="users-states" data-testid={testId}>
      {userStates(user).map((s) => (
        <span key={s} className={`chip ${stateTone[s]}`} data-state={s}>
          {t(`users.state.${s}`)}
        </span>
      ))}
    </span>
  );
}
