export { reconcilePending } from "../payments/reconcile.ts";
export { settlePayment } from "../payments/settle-payment.ts";
export { heldFen, type TopUpView, topUp } from "../payments/top-up.ts";
export { handleWebhook } from "../payments/webhook.ts";
