import type { ZoneChoice } from '../../job/time';
import { Button } from './button';

export function ZoneSwitch({
  zone,
  onChange,
}: {
  zone: ZoneChoice;
  onChange: (zone: ZoneChoice) => void;
}) {
  return (
    <div
      className="flex items-center gap-1 text-sm print:hidden"
      role="group"
      aria-label="Time zone"
    >
      <span className="text-ink-muted">Times in</span>
      <Button
        size="sm"
        variant={zone === 'utc' ? 'primary' : 'secondary'}
        aria-pressed={zone === 'utc'}
        onClick={() => onChange('utc')}
      >
        UTC
      </Button>
      <Button
        size="sm"
        variant={zone === 'local' ? 'primary' : 'secondary'}
        aria-pressed={zone === 'local'}
        onClick={() => onChange('local')}
      >
        Browser zone
      </Button>
    </div>
  );
}
