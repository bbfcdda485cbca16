import { initializeApp } from "firebase/app";
import {
  connectAuthEmulator,
  getAuth,
  onAuthStateChanged,
  signInWithEmailAndPassword,
  signOut,
  type User,
} from "firebase/auth";
import { loadRuntimeConfig } from "./runtime-config.js";

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function renderHealth(apiBaseUrl: string): Promise<void> {
  const body = element<HTMLTableElement>("health").tBodies[0];
  if (!body) return;
  body.replaceChildren();
  try {
    const response = await fetch(`${apiBaseUrl}/healthz`);
    const report = (await response.json()) as { checks: Record<string, { ok: boolean; latencyMs: number }> };
    for (const [name, check] of Object.entries(report.checks)) {
      const row = body.insertRow();
      row.insertCell().textContent = name;
      const state = row.insertCell();
      state.textContent = check.ok ? `up (${check.latencyMs} ms)` : "down";
      state.className = check.ok ? "ok" : "down";
    }
  } catch (error) {
    body.insertRow().insertCell().textContent = `API unreachable: ${String(error)}`;
  }
}

async function renderSession(user: User | null, apiBaseUrl: string): Promise<void> {
  element("sign-in").hidden = user !== null;
  element("system").hidden = user === null;
  const session = element("session");
  session.replaceChildren();
  if (!user) return;
  const token = await user.getIdTokenResult();
  session.textContent = `${user.email ?? user.uid} · ${String(token.claims.role ?? "no role")} `;
  const button = document.createElement("button");
  button.textContent = "Sign out";
  button.addEventListener("click", () => void signOut(getAuth()));
  session.append(button);
  await renderHealth(apiBaseUrl);
}

async function start(): Promise<void> {
  const config = await loadRuntimeConfig();
  initializeApp({ apiKey: config.apiKey, projectId: config.projectId, authDomain: config.authDomain });
  const auth = getAuth();
  if (config.authEmulatorUrl) connectAuthEmulator(auth, config.authEmulatorUrl, { disableWarnings: true });
  onAuthStateChanged(auth, (user) => void renderSession(user, config.apiBaseUrl));
  element<HTMLFormElement>("sign-in-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    signInWithEmailAndPassword(auth, String(form.get("email")), String(form.get("password"))).catch(
      (error: unknown) => {
        element("sign-in-error").textContent = `Sign-in failed: ${String(error)}`;
      },
    );
  });
}

void start();
