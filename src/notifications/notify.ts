export {
  askToConfirm,
  broadcast,
  NOTIFICATION_KINDS,
  type NotificationKind,
  notifyMember,
} from "../services/notifications.service.ts";
