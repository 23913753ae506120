import { SetMetadata } from '@nestjs/common';

/** Metadata key of a route that needs no token; the API's access guard lets such routes through. */
export const PUBLIC_ROUTE = 'samenspoor:public';

/** A route that needs no token (health, metrics, sign-in). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
