export { type DemoLogin, demoTotpCode, ensureDemoData } from "../services/demo.service.ts";
