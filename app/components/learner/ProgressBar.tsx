/** An accessible progress bar: the numbers are in the ARIA attributes and in the visible text. */
export function ProgressBar({ label, value, max }: { label: string; value: number; max: number }) {
  const percent = max > 0 ? Math.round((value / max) * 100) : 0;
  const text = `${value} of ${max} passed`;
  return (
    <div className="progress-row">
      <div
        className="progress-bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={text}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="muted small">{text}</span>
    </div>
  );
}
