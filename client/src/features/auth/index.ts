export { AuthProvider, useAuth, safeNext, type User } from './AuthContext';
export { RequireAccess } from './RequireAccess';
export { OrganizationPicker } from './OrganizationPicker';
