/** Readable labels for the documented `job_type` values; anything else is shown raw. */
const JOB_TYPE_LABELS: Record<string, string> = {
  create_share: 'Create file system',
  hpc_create_share: 'Create HPC file system',
  delete_share: 'Delete file system',
  extend_share: 'Expand capacity',
  change_security_group: 'Change security group',
  create_obs_target: 'Add storage backend (OBS)',
  delete_obs_target: 'Remove storage backend (OBS)',
  add_ad_domain: 'Join AD domain',
  change_ad_domain: 'Change AD domain',
  quit_ad_domain: 'Leave AD domain',
  bind_ldap: 'Bind LDAP',
  unbind_ldap: 'Unbind LDAP',
  update_ldap: 'Update LDAP',
};

export function jobTypeLabel(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const key = raw.trim().toLowerCase();
  // Own keys only: a job_type of "constructor" or "__proto__" is shown raw, not looked up.
  return Object.hasOwn(JOB_TYPE_LABELS, key) ? JOB_TYPE_LABELS[key] : undefined;
}
