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

interface HealthReport {
  status: "ok" | "degraded";
  checks?: Record<string, { ok: boolean; latencyMs: number }>;
}

/** Admins see each dependency (GET /v1/health); everyone else the API's overall state (/healthz). */
async function fetchHealth(apiBaseUrl: string, idToken: string, admin: boolean): Promise<HealthReport> {
  const response = admin
    ? await fetch(`${apiBaseUrl}/v1/health`, { headers: { authorization: `Bearer ${idToken}` } })
    : await fetch(`${apiBaseUrl}/healthz`);
  return (await response.json()) as HealthReport;
}

function addHealthRow(body: HTMLTableSectionElement, name: string, ok: boolean, detail: string): void {
  const row = body.insertRow();
  row.insertCell().textContent = name;
  const state = row.insertCell();
  state.textContent = ok ? `up${detail}` : "down";
  state.className = ok ? "ok" : "down";
}

async function renderHealth(apiBaseUrl: string, idToken: string, admin: boolean): Promise<void> {
  const body = element<HTMLTableElement>("health").tBodies[0];
  if (!body) return;
  body.replaceChildren();
  try {
    const report = await fetchHealth(apiBaseUrl, idToken, admin);
    if (!report.checks) {
      addHealthRow(body, "api", report.status === "ok", "");
      return;
    }
    for (const [name, check] of Object.entries(report.checks)) {
      addHealthRow(body, name, check.ok, ` (${check.latencyMs} ms)`);
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
  await renderHealth(apiBaseUrl, token.token, token.claims.role === "admin");
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
