/** A form's submit button: disabled while the form is sent, and saying so. */
export function SubmitButton({ busy, busyLabel, children, className = 'button' }: { busy: boolean; busyLabel: string; children: string; className?: string }) {
  return (
    <button type="submit" className={className} disabled={busy}>
      {busy ? busyLabel : children}
    </button>
  );
}
