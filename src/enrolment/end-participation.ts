export { endParticipation } from "../services/enrolment.service.ts";
