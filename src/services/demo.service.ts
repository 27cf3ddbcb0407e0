export { type DemoLogin, demoTotpCode, ensureDemoData } from "../demo/demo.ts";
