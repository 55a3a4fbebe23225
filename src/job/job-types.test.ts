import { describe, expect, it } from 'vitest';
import { explainCode } from './error-codes';
import { jobTypeLabel } from './job-types';

describe('jobTypeLabel', () => {
  it('names the documented job types, whatever their case', () => {
    expect(jobTypeLabel('bind_ldap')).toBe('Bind LDAP');
    expect(jobTypeLabel(' HPC_CREATE_SHARE ')).toBe('Create HPC file system');
  });

  // Found by the job page's property test: these rendered a function or an object.
  it('has no label for names of Object.prototype members, nor any meaning for such a code', () => {
    for (const raw of ['constructor', '__proto__', 'toString', 'valueOf', 'CONSTRUCTOR']) {
      expect(jobTypeLabel(raw)).toBeUndefined();
      expect(explainCode(raw)).toBeUndefined();
    }
  });
});
