import type { InputHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { ApiProblem } from "../api/client.ts";

/** A labelled input with its error beside it (a local check's, or the server's for this field). */
export function Field({
  name,
  label,
  error,
  ...input
}: { name: string; label: string; error?: string | undefined } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
        {...input}
      />
      {error && (
        <small id={`${name}-error`} className="error">
          {error}
        </small>
      )}
    </label>
  );
}

/** The server's message for a field, in the reader's language when the catalogue knows the code. */
export function useFieldError(error: unknown) {
  const { t } = useTranslation();
  return (field: string): string | undefined => {
    if (!(error instanceof ApiProblem) || error.field !== field) return undefined;
    return t(`problems.${error.code}`, { defaultValue: error.message });
  };
}

/** A problem not tied to one field, for the top of a form. */
export function useFormError(error: unknown, fields: readonly string[]) {
  const { t } = useTranslation();
  if (!error) return undefined;
  if (error instanceof ApiProblem) {
    if (error.field && fields.includes(error.field)) return undefined;
    return t(`problems.${error.code}`, { defaultValue: error.message });
  }
  return t("status.offline");
}

/** A form's problem, announced (role=alert) where it appears; nothing when there is none. */
export function FormError({ text }: { text: string | undefined | null }) {
  return text ? (
    <p className="error" role="alert">
      {text}
    </p>
  ) : null;
}
