export { linkFiles, filesOf, registerFileVisibility, storeUpload } from './files.service.js';
export { fileRoutes, contentDisposition } from './files.routes.js';
export { files, fileLinks } from './files.tables.js';
