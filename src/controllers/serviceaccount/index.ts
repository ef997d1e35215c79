export { ServiceAccountController, newServiceAccountController, missingInNamespace, DEFAULT_SERVICE_ACCOUNT, ROOT_CA_CONFIGMAP } from './controller.js';
