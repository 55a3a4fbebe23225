import { clsx, type ClassValue } from 'clsx';

/**
 * Joins class names. No tailwind-merge: it would add about 9 kB gzipped to every first load
 * (decision 0006), so components do not take classes that conflict with their own; they offer
 * a prop for each variation instead (StatusIcon's `size` and `spin`, Button's variants).
 */
export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
