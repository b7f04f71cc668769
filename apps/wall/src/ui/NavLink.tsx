// One header link between the wall's pages: a real <a href> (open in a new tab works) that navigates
// in-app on a plain click. Shared by the console's, duty and orders headers.
import { navigate } from "../router";

export function NavLink({ to, id, label, on = false }: { to: string; id: string; label: string; on?: boolean }) {
  return (
    <a
      href={to}
      className={`nav-link${on ? " nav-link-on" : ""}`}
      data-testid={`nav-${id}`}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {label}
    </a>
  );
}
