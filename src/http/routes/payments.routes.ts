export { paymentRoutes } from "../../payments/payments.routes.ts";
