export { linkFiles, filesOf, filesOfEach, registerFileVisibility, type FilesDeps } from './files.service.js';
export { fileRoutes, contentDisposition } from './files.routes.js';
export { reassignFilesOrganization } from './merge.repository.js';
