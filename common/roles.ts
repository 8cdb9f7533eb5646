/** Roles a user can hold. The first three are self-service at registration; the rest are granted by an admin. */
export const ROLES = ['supplier', 'enterprise', 'broker', 'reviewer', 'registrar', 'zone_admin', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const SELF_SERVICE_ROLES = ['supplier', 'enterprise', 'broker'] as const;
export const GRANTABLE_ROLES = ['reviewer', 'registrar', 'zone_admin', 'admin'] as const;

export const ROLE_NAMES: Record<Role, string> = {
  supplier: '成果方（高校/科研院所）',
  enterprise: '需求方（企业）',
  broker: '技术经纪人',
  reviewer: '信息审核员',
  registrar: '技术合同登记员',
  zone_admin: '示范区管理员',
  admin: '平台管理员',
};

export const ORG_TYPES = ['university', 'institute', 'enterprise', 'agency', 'registrar', 'government'] as const;
export type OrgType = (typeof ORG_TYPES)[number];
export const ORG_TYPE_NAMES: Record<OrgType, string> = {
  university: '高校',
  institute: '科研院所',
  enterprise: '企业',
  agency: '技术转移机构',
  registrar: '技术合同登记机构',
  government: '政府部门',
};
