// The wall's entry. Style sheets first, in cascade order: the tokens, the base, the shell's frame, then
// (through App) each page's own sheet, so a page's layout rules win over the generic .page frame.
import "./ui/tokens.css";
import "./styles/base.css";
import "./shell/shell.css";
import "./styles/login.css";
import "./styles/console.css";
import "./styles/wall.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
