// Generated from /openapi.json by `npm run api:types` (web/api-types.ts): do not edit.
export interface paths {
    "/auth/otp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a one-time code to a mobile number */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        mobile: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sent?: boolean;
                            challengeId?: string;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (429) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/member/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in a member with a one-time code (and the real-name check on a number dormant for months) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        mobile: string;
                        challengeId: string;
                        code: string;
                        name?: string;
                        residentId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: string;
                            expiresAt: string;
                            memberId: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (429) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/member/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Real-name registration (name, mobile, resident ID), proven by a one-time code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        mobile: string;
                        residentId: string;
                        challengeId: string;
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            member: {
                                memberId: number;
                                kind: string;
                                guardianId: number | null;
                                relation: string | null;
                                name: string;
                                mobile?: string | null;
                                pseudonym: string;
                                residentId?: string;
                                birthDate?: string;
                                sex?: string;
                            } & {
                                [key: string]: unknown;
                            };
                            token: string;
                            expiresAt: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (429) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/member/mobile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move an account to a new mobile number: a code sent to the new number and the real-name check; every session of the account ends */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        mobile: string;
                        residentId: string;
                        challengeId: string;
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token?: string;
                            expiresAt?: string;
                            memberId?: number;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (429) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/staff/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in staff with a password and a TOTP code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string;
                        password: string;
                        totp?: string;
                    };
                };
            };
            responses: {
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (429) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End this session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End every session of the signed-in account */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in member (masked) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            member: {
                                memberId: number;
                                kind: string;
                                guardianId: number | null;
                                relation: string | null;
                                name: string;
                                mobile?: string | null;
                                pseudonym: string;
                                residentId?: string;
                                birthDate?: string;
                                sex?: string;
                            } & {
                                [key: string]: unknown;
                            };
                            dependants: ({
                                memberId: number;
                                kind: string;
                                guardianId: number | null;
                                relation: string | null;
                                name: string;
                                mobile?: string | null;
                                pseudonym: string;
                                residentId?: string;
                                birthDate?: string;
                                sex?: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{memberId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A member: yourself, your dependant, or (staff) anyone, shown as your role needs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{memberId}/dependants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A member's dependants */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Start enrolling a dependant: an adult gets a code on their mobile, a minor needs a document */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        residentId: string;
                        /** @enum {string} */
                        relation: "child" | "parent" | "spouse";
                        mobile?: string;
                        consentVersion: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            requestId: number;
                            memberId: number;
                            relation: string;
                            state: string;
                            name: string;
                            mobile: string | null;
                            document: ({
                                sha256: string;
                                contentType: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            refusal: string | null;
                            dependantId: number | null;
                            createdAt: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (429) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{memberId}/dependant-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your dependant enrolments */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                requestId: number;
                                memberId: number;
                                relation: string;
                                state: string;
                                name: string;
                                mobile: string | null;
                                document: ({
                                    sha256: string;
                                    contentType: string;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                refusal: string | null;
                                dependantId: number | null;
                                createdAt: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{memberId}/dependant-requests/{requestId}/confirmation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The adult's own code (sent to their mobile): the dependant is enrolled */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                    requestId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            memberId: number;
                            kind: string;
                            guardianId: number | null;
                            relation: string | null;
                            name: string;
                            mobile?: string | null;
                            pseudonym: string;
                            residentId?: string;
                            birthDate?: string;
                            sex?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{memberId}/dependant-requests/{requestId}/document": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** A minor's guardianship document (application/pdf, image/jpeg, image/png): a reviewer checks it */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                    requestId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            requestId: number;
                            memberId: number;
                            relation: string;
                            state: string;
                            name: string;
                            mobile: string | null;
                            document: ({
                                sha256: string;
                                contentType: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            refusal: string | null;
                            dependantId: number | null;
                            createdAt: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (413) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (415) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dependant-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Guardianship documents waiting for a reviewer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                requestId: number;
                                relation: string;
                                person: {
                                    name: string;
                                    residentId: string;
                                    ageYears: number;
                                    sex: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                guardian: {
                                    memberId: number;
                                    name: string;
                                    ageYears: number;
                                } & {
                                    [key: string]: unknown;
                                };
                                document: {
                                    sha256: string;
                                    contentType: string;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dependant-requests/{requestId}/document": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The guardianship document (the read is written to the audit trail) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    requestId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dependant-requests/{requestId}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept (the child is enrolled) or refuse a guardianship document */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    requestId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accept: boolean;
                        /** @default  */
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            requestId: number;
                            memberId: number;
                            relation: string;
                            state: string;
                            name: string;
                            mobile: string | null;
                            document: ({
                                sha256: string;
                                contentType: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            refusal: string | null;
                            dependantId: number | null;
                            createdAt: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Plans, public */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                planId: string;
                                name: string;
                                status: string;
                                ruleVersions: number;
                                activeMembers: number;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a plan from a plan document, or edit a draft (operator); a launched plan's terms change only by an adopted proposal (409) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plans/{planId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A plan with every rule version (public: the terms are published) */
        get: {
            parameters: {
                query?: {
                    /** @description civil date YYYY-MM-DD in Asia/Shanghai */
                    on?: string;
                };
                header?: never;
                path: {
                    planId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            planId: string;
                            name: string;
                            status: string;
                            currency: string;
                            sources: {
                                seed: string;
                                section: string;
                                note?: string;
                            }[];
                            silent: string[];
                            assumptions: string[];
                            inForceOn: string | null;
                            asOf: string;
                            versions: ({
                                effective: string;
                                summary: string | null;
                                rules: {
                                    eventClasses: {
                                        id: string;
                                        name: string;
                                        /** @default false */
                                        accident: boolean;
                                    }[];
                                    /**
                                     * @default [
                                     *       {
                                     *         "id": "standard",
                                     *         "name": "标准版"
                                     *       }
                                     *     ]
                                     */
                                    tiers: {
                                        id: string;
                                        name: string;
                                    }[];
                                    eligibility: {
                                        ageAtJoining: {
                                            minDays?: number;
                                            minYears?: number;
                                            maxYears: number;
                                        };
                                        sexes?: ("male" | "female")[];
                                        healthDeclaration?: {
                                            version: string;
                                            questions: {
                                                id: string;
                                                text: string;
                                            }[];
                                        };
                                        excludedOccupations?: string[];
                                        /** @default false */
                                        invitationRequired: boolean;
                                        /** @default true */
                                        realNameRequired: boolean;
                                        otherRequirements?: string[];
                                    };
                                    /** @default [] */
                                    waiting: {
                                        days: number;
                                        events?: string[];
                                        ages?: {
                                            from?: number;
                                            to?: number;
                                        };
                                    }[];
                                    /** @default [] */
                                    phaseIn: {
                                        fromMembershipDay: number;
                                        /** @description percent, 0–100 with at most two decimals; stored as basis points */
                                        percent: unknown;
                                    }[];
                                    benefits: {
                                        /** @enum {string} */
                                        ageBasis: "joining" | "diagnosis";
                                        schedule: {
                                            event: string;
                                            ages?: {
                                                from?: number;
                                                to?: number;
                                            };
                                            tier?: string;
                                            benefit: {
                                                /** @enum {string} */
                                                kind: "fixed";
                                                /** @description yuan, at most two decimals, as a string ("0.10") or a number */
                                                amount: unknown;
                                            } | {
                                                /** @enum {string} */
                                                kind: "perEffectiveMember";
                                                /** @description yuan, at most two decimals, as a string ("0.10") or a number */
                                                perMember: unknown;
                                                /** @description yuan, at most two decimals, as a string ("0.10") or a number */
                                                max: unknown;
                                            } | {
                                                /** @enum {string} */
                                                kind: "basePlusContributions";
                                                /** @description yuan, at most two decimals, as a string ("0.10") or a number */
                                                base: unknown;
                                                multiplier: number;
                                                /** @description yuan, at most two decimals, as a string ("0.10") or a number */
                                                max?: unknown;
                                            } | {
                                                /** @enum {string} */
                                                kind: "refundBeforeObservation";
                                                observationDays: number;
                                                /** @description yuan, at most two decimals, as a string ("0.10") or a number */
                                                amount: unknown;
                                            };
                                            source?: {
                                                seed: string;
                                                section: string;
                                                note?: string;
                                            };
                                        }[];
                                    };
                                    /** @default [] */
                                    fees: ({
                                        /** @enum {string} */
                                        kind: "percentOfBenefit";
                                        /** @description percent, 0–100 with at most two decimals; stored as basis points */
                                        percent: unknown;
                                    } | {
                                        /** @enum {string} */
                                        kind: "tieredPerCase";
                                        bands: {
                                            /** @description yuan, at most two decimals, as a string ("0.10") or a number */
                                            benefitUpTo?: unknown;
                                            /** @description yuan, at most two decimals, as a string ("0.10") or a number */
                                            fee: unknown;
                                        }[];
                                    } | {
                                        /** @enum {string} */
                                        kind: "percentOfCollection";
                                        /** @description percent, 0–100 with at most two decimals; stored as basis points */
                                        percent: unknown;
                                    } | {
                                        /** @enum {string} */
                                        kind: "perMemberMonthly";
                                        /** @description yuan, at most two decimals, as a string ("0.10") or a number */
                                        amount: unknown;
                                    } | {
                                        /** @enum {string} */
                                        kind: "perMemberDaily";
                                        /** @description yuan, at most two decimals, as a string ("0.10") or a number */
                                        amount: unknown;
                                    } | {
                                        /** @enum {string} */
                                        kind: "percentOfDeposits";
                                        /** @description percent, 0–100 with at most two decimals; stored as basis points */
                                        percent: unknown;
                                    })[];
                                    apportionment: {
                                        calendar: {
                                            /** @enum {string} */
                                            kind: "semiMonthly";
                                            announceDays: [
                                                number,
                                                number
                                            ];
                                            collectDays: [
                                                number,
                                                number
                                            ];
                                        } | {
                                            /** @enum {string} */
                                            kind: "monthly";
                                            announceDay: number;
                                            /** @default 0 */
                                            collectAfterDays: number;
                                        } | {
                                            /** @enum {string} */
                                            kind: "perEvent";
                                            /** @default 0 */
                                            collectAfterDays: number;
                                        } | {
                                            /** @enum {string} */
                                            kind: "yearly";
                                            announceMonth: number;
                                            announceDay: number;
                                            /** @default 0 */
                                            collectAfterDays: number;
                                        };
                                        /**
                                         * @default {
                                         *       "kind": "sharingMembers"
                                         *     }
                                         */
                                        denominator: {
                                            /** @enum {string} */
                                            kind: "sharingMembers";
                                        } | {
                                            /** @enum {string} */
                                            kind: "previousMonthEnd";
                                            /** @description percent, 0–100 with at most two decimals; stored as basis points */
                                            factorPercent: unknown;
                                        };
                                        /** @default [] */
                                        weights: {
                                            ages: {
                                                from?: number;
                                                to?: number;
                                            };
                                            /** @description weight in the apportionment, a positive decimal with at most 4 decimals */
                                            weight: unknown;
                                        }[];
                                        /** @default {} */
                                        caps: {
                                            perCase?: {
                                                /** @description yuan, at most two decimals, as a string ("0.10") or a number */
                                                amount: unknown;
                                                /** @enum {string} */
                                                excessBorneBy: "sponsor" | "benefit";
                                                source?: {
                                                    seed: string;
                                                    section: string;
                                                    note?: string;
                                                };
                                            };
                                            perCycle?: {
                                                /** @description yuan, at most two decimals, as a string ("0.10") or a number */
                                                amount: unknown;
                                                /** @enum {string} */
                                                excessBorneBy: "sponsor" | "benefit";
                                                source?: {
                                                    seed: string;
                                                    section: string;
                                                    note?: string;
                                                };
                                            };
                                            perYear?: {
                                                /** @description yuan, at most two decimals, as a string ("0.10") or a number */
                                                amount: unknown;
                                                /** @enum {string} */
                                                excessBorneBy: "sponsor" | "benefit";
                                                source?: {
                                                    seed: string;
                                                    section: string;
                                                    note?: string;
                                                };
                                            };
                                        };
                                        /**
                                         * @default benefit
                                         * @enum {string}
                                         */
                                        shortfallBorneBy: "sponsor" | "benefit";
                                        /** @default true */
                                        waitingMembersShare: boolean;
                                    };
                                    funding: {
                                        /** @enum {string} */
                                        mode: "postPaid";
                                    } | {
                                        /** @enum {string} */
                                        mode: "prepaid";
                                        /** @description yuan, at most two decimals, as a string ("0.10") or a number */
                                        initialDeposit: unknown;
                                        /** @description yuan, at most two decimals, as a string ("0.10") or a number */
                                        floor: unknown;
                                        graceDays: number;
                                        /** @default true */
                                        exitOnLapse: boolean;
                                        custodian?: string;
                                    } | {
                                        /** @enum {string} */
                                        mode: "premiumPool";
                                        /** @description yuan, at most two decimals, as a string ("0.10") or a number */
                                        premium: unknown;
                                        /** @description percent, 0–100 with at most two decimals; stored as basis points */
                                        poolPercent: unknown;
                                        groupSizeMax: number;
                                        unusedPoolReturnedAtYearEnd: boolean;
                                    };
                                    failurePolicy: {
                                        /** @default true */
                                        operatorAdvances: boolean;
                                        /** @default 1 */
                                        retryEveryDays: number;
                                        /** @default 0 */
                                        retryAttempts: number;
                                        suspendAfterFailures?: number;
                                        exitAfterFailures?: number;
                                        /**
                                         * @default {
                                         *       "recoverFromNextPayment": true
                                         *     }
                                         */
                                        advanceRecovery: {
                                            /** @default true */
                                            recoverFromNextPayment: boolean;
                                            writeOffAfterDays?: number;
                                        };
                                        /**
                                         * @default failure
                                         * @enum {string}
                                         */
                                        unconfirmedShare: "failure" | "advance";
                                    };
                                    claims: {
                                        /** @default 30 */
                                        reportWithinDays: number;
                                        /** @default 90 */
                                        reportAfterDeathWithinDays: number;
                                        /** @default 7 */
                                        documentsWithinDays: number;
                                        /**
                                         * @default {
                                         *       "clear": 30,
                                         *       "complex": 60,
                                         *       "veryComplex": 90
                                         *     }
                                         */
                                        reviewWorkingDays: {
                                            clear: number;
                                            complex: number;
                                            veryComplex: number;
                                        };
                                        /** @description yuan, at most two decimals, as a string ("0.10") or a number */
                                        reviewDeposit?: unknown;
                                        /** @default 15 */
                                        publicityDays: number;
                                        /** @default 15 */
                                        appealWithinDays: number;
                                        jury?: {
                                            /** @description percent, 0–100 with at most two decimals; stored as basis points */
                                            overturnAbovePercent: unknown;
                                            /** @default 1 */
                                            quorum: number;
                                            /** @default 24 */
                                            windowHours: number;
                                            /** @default 100 */
                                            jurors: number;
                                        };
                                        /** @default 10 */
                                        payoutWithinWorkingDays: number;
                                        /** @default true */
                                        paymentEndsParticipation: boolean;
                                    };
                                    closure: {
                                        minimumMembers?: number;
                                        /** @description percent, 0–100 with at most two decimals; stored as basis points */
                                        warnAbovePercent?: unknown;
                                        /** @default 15 */
                                        noticeDays: number;
                                        /** @default 0 */
                                        sponsorPaysFinalCycles: number;
                                        /** @description yuan, at most two decimals, as a string ("0.10") or a number */
                                        guaranteeFund?: unknown;
                                    };
                                    transferAtAge?: {
                                        age: number;
                                        toPlan: string;
                                    };
                                    sponsor?: {
                                        name: string;
                                        source?: {
                                            seed: string;
                                            section: string;
                                            note?: string;
                                        };
                                    };
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/participations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your and your dependants' participations */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                participationId: number;
                                memberId: number;
                                planId: string;
                                tier: string;
                                joinedOn: string;
                                ruleVersion: string;
                                status: string;
                                suspendedOn: string | null;
                                endedOn: string | null;
                                endReason: string | null;
                                coveredFrom: string;
                                waiting: ({
                                    event: string;
                                    days: number;
                                    coveredFrom: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                /** @enum {string} */
                                shareMode: "auto" | "confirm" | "auto_limit";
                                shareLimitFen: number | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Join a plan (yourself or a dependant); the waiting period is computed and shown */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        memberId: number;
                        planId: string;
                        tier?: string;
                        answers?: {
                            [key: string]: boolean;
                        };
                        answersVersion?: string;
                        invitationCode?: string;
                        occupation?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            participationId: number;
                            memberId: number;
                            planId: string;
                            tier: string;
                            joinedOn: string;
                            ruleVersion: string;
                            status: string;
                            suspendedOn: string | null;
                            endedOn: string | null;
                            endReason: string | null;
                            coveredFrom: string;
                            waiting: ({
                                event: string;
                                days: number;
                                coveredFrom: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @enum {string} */
                            shareMode: "auto" | "confirm" | "auto_limit";
                            shareLimitFen: number | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/participations/{participationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    participationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            participationId: number;
                            memberId: number;
                            planId: string;
                            tier: string;
                            joinedOn: string;
                            ruleVersion: string;
                            status: string;
                            suspendedOn: string | null;
                            endedOn: string | null;
                            endReason: string | null;
                            coveredFrom: string;
                            waiting: ({
                                event: string;
                                days: number;
                                coveredFrom: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @enum {string} */
                            shareMode: "auto" | "confirm" | "auto_limit";
                            shareLimitFen: number | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/participations/{participationId}/exit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What leaving would settle: the advances paid from the balance, the refund, what stays owed */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    participationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            participationId: number;
                            balanceFen: number;
                            advancesOwedFen: number;
                            settledFromBalanceFen: number;
                            refundFen: number;
                            stillOwedFen: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Leave the plan: advances owed are settled, the rest of a prepaid balance refunded */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    participationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            participation: {
                                participationId: number;
                                memberId: number;
                                planId: string;
                                tier: string;
                                joinedOn: string;
                                ruleVersion: string;
                                status: string;
                                suspendedOn: string | null;
                                endedOn: string | null;
                                endReason: string | null;
                                coveredFrom: string;
                                waiting: ({
                                    event: string;
                                    days: number;
                                    coveredFrom: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                /** @enum {string} */
                                shareMode: "auto" | "confirm" | "auto_limit";
                                shareLimitFen: number | null;
                            } & {
                                [key: string]: unknown;
                            };
                            refundFen: number;
                            stillOwedFen: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/participations/{participationId}/share-mode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** How shares are taken: automatically, confirmed each cycle, or automatically up to a limit */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    participationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        mode: "auto" | "confirm" | "auto_limit";
                        shareLimitFen?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            participationId: number;
                            memberId: number;
                            planId: string;
                            tier: string;
                            joinedOn: string;
                            ruleVersion: string;
                            status: string;
                            suspendedOn: string | null;
                            endedOn: string | null;
                            endReason: string | null;
                            coveredFrom: string;
                            waiting: ({
                                event: string;
                                days: number;
                                coveredFrom: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @enum {string} */
                            shareMode: "auto" | "confirm" | "auto_limit";
                            shareLimitFen: number | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{memberId}/top-ups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Top up a prepaid balance through the payment provider (Idempotency-Key required): into a prepaid participation, or a first deposit naming the prepaid plan (planId) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amountFen: number;
                        planId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            /** @enum {string} */
                            status: "succeeded" | "pending" | "failed";
                            amountFen: number;
                            balanceFen: number;
                            failureReason: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            /** @enum {string} */
                            status: "succeeded" | "pending" | "failed";
                            amountFen: number;
                            balanceFen: number;
                            failureReason: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key?: string;
                            /** @enum {string} */
                            status?: "succeeded" | "pending" | "failed";
                            amountFen?: number;
                            balanceFen?: number;
                            failureReason?: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{memberId}/withdrawals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw from the prepaid balance what no open cycle has claimed (Idempotency-Key required) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amountFen: number;
                        planId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            amountFen: number;
                            balanceFen: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{memberId}/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            memberId: number;
                            balanceFen: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Signed webhook of the payment provider */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepted: boolean;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{memberId}/top-ups/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where a top-up stands, by the Idempotency-Key it was sent with (a pending one's later result) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            /** @enum {string} */
                            status: "succeeded" | "pending" | "failed";
                            amountFen: number;
                            balanceFen: number;
                            failureReason: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{memberId}/debit-authorisation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The member's debit authorisation */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            memberId: number;
                            /** @enum {string} */
                            status: "none" | "signed" | "revoked" | "expired";
                            expiresAt: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Sign the debit authorisation with the payment provider (代扣签约) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            memberId: number;
                            /** @enum {string} */
                            status: "none" | "signed" | "revoked" | "expired";
                            expiresAt: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (402) */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        /** Revoke the debit authorisation: the next share is then unconfirmed */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            memberId: number;
                            /** @enum {string} */
                            status: "none" | "signed" | "revoked" | "expired";
                            expiresAt: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{memberId}/disputes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The member's disputes */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                disputeId: number;
                                member: string;
                                cycleId: number;
                                planId: string;
                                amountFen: number;
                                reason: string;
                                /** @enum {string} */
                                status: "open" | "refunded" | "rejected";
                                openedAt: string;
                                decidedAt: string | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Dispute one's collected share of a cycle */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        cycleId: number;
                        /** @enum {string} */
                        reason: "not_authorised" | "wrong_amount" | "charged_twice" | "not_a_member";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            disputeId: number;
                            member: string;
                            cycleId: number;
                            planId: string;
                            amountFen: number;
                            reason: string;
                            /** @enum {string} */
                            status: "open" | "refunded" | "rejected";
                            openedAt: string;
                            decidedAt: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/disputes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open disputes, oldest first (staff) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                disputeId: number;
                                member: string;
                                cycleId: number;
                                planId: string;
                                amountFen: number;
                                reason: string;
                                /** @enum {string} */
                                status: "open" | "refunded" | "rejected";
                                openedAt: string;
                                decidedAt: string | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/disputes/{disputeId}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decide a dispute: refund the share from the pool, or reject */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    disputeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refund: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            disputeId: number;
                            member: string;
                            cycleId: number;
                            planId: string;
                            amountFen: number;
                            reason: string;
                            /** @enum {string} */
                            status: "open" | "refunded" | "rejected";
                            openedAt: string;
                            decidedAt: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{memberId}/money": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Balance, claimed by open cycles, withdrawable, and the advances owed with their shares */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            memberId: number;
                            balanceFen: number;
                            claimedByOpenCyclesFen: number;
                            withdrawableFen: number;
                            advancesOwedFen: number;
                            advancedShares: ({
                                cycleId: number;
                                planId: string;
                                announcedOn: string;
                                shareFen: number;
                            } & {
                                [key: string]: unknown;
                            })[];
                            awaitingConfirmation: ({
                                cycleId: number;
                                planId: string;
                                announcedOn: string;
                                shareFen: number;
                                confirmBy: string;
                                closed: boolean;
                            } & {
                                [key: string]: unknown;
                            })[];
                            payouts: ({
                                claimId: number | null;
                                caseId: number;
                                planId: string;
                                cycleId: number;
                                amountFen: number;
                                paidOn: string;
                                /** @enum {string} */
                                destination: "member" | "guardian";
                                beneficiary: string | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                            dependants: ({
                                memberId: number;
                                name: string;
                                charges: ({
                                    cycleId: number;
                                    planId: string;
                                    announcedOn: string;
                                    collectOn: string;
                                    shareFen: number;
                                    /** @enum {string} */
                                    status: "due" | "unconfirmed" | "collected" | "failed" | "advanced" | "pending";
                                } & {
                                    [key: string]: unknown;
                                })[];
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a staff account (admin); the answer carries its second factor's otpauth URI, given only once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string;
                        password: string;
                        roles: ("operator" | "reviewer" | "investigator" | "auditor" | "admin")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            staffId: number;
                            totpUri: string;
                            username: string;
                            roles: string[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/{staffId}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable a staff account (admin), effective at the next request */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    staffId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            staffId: number;
                            username: string;
                            roles: string[];
                            disabled: boolean;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/{staffId}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-enable a staff account (admin), effective at the next request */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    staffId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            staffId: number;
                            username: string;
                            roles: string[];
                            disabled: boolean;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit-trail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every staff action, newest first (auditor), by cursor */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                audit_id: number;
                                actor_kind: string;
                                actor_id: number;
                                action: string;
                                target: unknown;
                                detail: unknown;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            nextCursor?: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dev/sms-outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The simulated SMS outbox: staff only, development only (it holds one-time codes) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/log/public-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Ed25519 key that signs tree heads (PEM) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The key as PEM */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/log/head": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest signed tree head */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            size: number;
                            rootHash: string;
                            timestampMs: number;
                            signature: string;
                            checkpoint?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/log/heads/{size}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed tree head of a size, kept forever */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    size: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            size: number;
                            rootHash: string;
                            timestampMs: number;
                            signature: string;
                            checkpoint?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/log/entries/{index}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One entry: its canonical JSON and leaf hash */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    index: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            index: number;
                            kind: string;
                            entry: string;
                            leafHash: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/log/members/{pseudonym}/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A member's own entries (by pseudonym, shown in /me), with inclusion proofs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    pseudonym: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            member: string;
                            head: ({
                                size: number;
                                rootHash: string;
                                timestampMs: number;
                                signature: string;
                                checkpoint?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            entries: ({
                                index: number;
                                kind: string;
                                entry: string;
                                leafHash: string;
                                proof: string[];
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/log/proofs/inclusion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Inclusion proof of entry `index` in the tree of `size` (default: the latest head) */
        get: {
            parameters: {
                query: {
                    index: string;
                    size?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            index: number;
                            treeSize: number;
                            proof: string[];
                            head: {
                                size: number;
                                rootHash: string;
                                timestampMs: number;
                                signature: string;
                                checkpoint?: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/log/proofs/consistency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Proof that the tree of size `from` is a prefix of the tree of size `to` */
        get: {
            parameters: {
                query: {
                    from: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            from: number;
                            to: number;
                            proof: string[];
                            head: {
                                size: number;
                                rootHash: string;
                                timestampMs: number;
                                signature: string;
                                checkpoint?: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How members verify the log (HTML) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cycles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every cycle's disclosure of a plan (public), in announcement order, by cursor */
        get: {
            parameters: {
                query: {
                    cursor?: string;
                    limit?: string;
                    plan: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                cycleId: number;
                                status: string;
                                planId: string;
                                announcedOn: string;
                                collectOn: string;
                                ruleVersion: string;
                                cases: number;
                                benefitsFen: number;
                                approvedBenefitsFen: number;
                                feesFen: number;
                                surplusInFen: number;
                                surplusOutFen: number;
                                sponsorFen: number;
                                benefitCutFen: number;
                                sharingMembers: number;
                                sharingWeight: string;
                                shares: ({
                                    weight: string;
                                    members: number;
                                    shareFen: number;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                collectedFen: number | null;
                                failedFen: number | null;
                                advancedFen: number | null;
                                pendingFen?: number;
                                retriesDone?: number;
                                writtenOffFen?: number;
                                recoveredLaterFen?: number;
                                shareRoot: ({
                                    hash: string;
                                    count: number;
                                    sumFen: number;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                            nextCursor?: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cycles/{cycleId}/shares/{pseudonym}/proof": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Proof that a member's share is in the cycle's published total (Merkle-sum tree) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    cycleId: string;
                    pseudonym: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            member: string;
                            shareFen: number;
                            participation: number | null;
                            weightUnits: number | null;
                            proof: ({
                                /** @enum {string} */
                                side: "left" | "right";
                                hash: string;
                                count: number;
                                sumFen: number;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cycles/members/{pseudonym}/shares": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A member's shares in every cycle with their proofs and the log entry of each cycle's root, by cursor */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: string;
                };
                header?: never;
                path: {
                    pseudonym: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                cycleId: number;
                                plan: string;
                                announcedOn: string;
                                root: ({
                                    hash: string;
                                    count: number;
                                    sumFen: number;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                logIndex: number | null;
                                shareFen: number;
                                participation: number | null;
                                weightUnits: number | null;
                                proof: ({
                                    /** @enum {string} */
                                    side: "left" | "right";
                                    hash: string;
                                    count: number;
                                    sumFen: number;
                                } & {
                                    [key: string]: unknown;
                                })[];
                            } & {
                                [key: string]: unknown;
                            })[];
                            nextCursor?: string | null;
                            proofsPending: number[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cycles/{cycleId}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm your (or your dependant's) share before collection, if you chose to confirm each cycle */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    cycleId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        memberId: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                            shareFen: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cycles/{cycleId}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decline your (or your dependant's) share before the collection day; the plan's rule for an unconfirmed share applies */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    cycleId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        memberId: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                            shareFen: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your claims (members) or every claim (staff), by id, paginated */
        get: {
            parameters: {
                query?: {
                    state?: "reported" | "documents" | "review" | "investigation" | "appeal" | "announcement" | "sharing" | "paid" | "rejected" | "withdrawn" | "lapsed";
                    planId?: string;
                    cursor?: string;
                    limit?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                claimId: number;
                                planId: string;
                                participationId: number;
                                memberId: number;
                                nameMasked: string;
                                idMasked: string;
                                ageAtDiagnosis?: number;
                                sex?: string;
                                event: string;
                                diagnosedOn: string;
                                reportedOn: string;
                                afterDeath: boolean;
                                ruleVersion: string | null;
                                state: string;
                                description?: string;
                                deadlines: {
                                    documentsDueOn: string | null;
                                    reviewDueOn: string | null;
                                    appealDueOn: string | null;
                                    publicityEndsOn: string | null;
                                    payoutDueOn: string | null;
                                } & {
                                    [key: string]: unknown;
                                };
                                complexity: string | null;
                                reviewerId: number | null;
                                investigatorId: number | null;
                                decision: ({
                                    approved: boolean;
                                    reason?: string | null;
                                    explanation: string;
                                    reasonCode?: string | null;
                                    reasonParams?: {
                                        [key: string]: unknown;
                                    } | null;
                                    benefitFen?: number | null;
                                    scheduleFen?: number | null;
                                    phaseInBp?: number | null;
                                    ruleVersion?: string | null;
                                    by?: string;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                benefitFen: number | null;
                                payout?: {
                                    paidFen: number | null;
                                    cutFen: number | null;
                                    cycleId: number | null;
                                    reason: {
                                        cause: string;
                                        text: string;
                                        reasonCode: string;
                                        reasonParams: {
                                            [key: string]: unknown;
                                        };
                                    } & {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                };
                                publishedOn: string | null;
                                appealed: boolean;
                                explanationRequested: boolean;
                                caseId: number | null;
                                deposit: {
                                    fen: number | null;
                                    status: string | null;
                                } & {
                                    [key: string]: unknown;
                                };
                                documents?: ({
                                    sha256?: string;
                                    contentType: string;
                                    sizeBytes: number;
                                    kind: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                findings?: ({
                                    findings: string;
                                    expertOpinion: string | null;
                                    diagnosisProven: boolean;
                                    preExisting: boolean;
                                    falseClaim: boolean;
                                    at: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                objections?: ({
                                    grounds: string;
                                    at: string;
                                    objector?: unknown;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                explanations?: ({
                                    text: string;
                                    at: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                signals?: unknown;
                                transitions?: ({
                                    from: string | null;
                                    to: string;
                                    action: string;
                                    actor: string;
                                    reason: string | null;
                                    reasonCode: string | null;
                                    reasonParams: {
                                        [key: string]: unknown;
                                    } | null;
                                    note?: string;
                                    ruleVersion: string | null;
                                    on: string;
                                    at: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                            } & {
                                [key: string]: unknown;
                            })[];
                            nextCursor?: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Report a claim for yourself or a dependant (staff: for an heir after a death) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        participationId: number;
                        event: string;
                        /** @description civil date YYYY-MM-DD in Asia/Shanghai */
                        diagnosedOn: string;
                        /** @default false */
                        afterDeath?: boolean;
                        description?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimId: number;
                            planId: string;
                            participationId: number;
                            memberId: number;
                            nameMasked: string;
                            idMasked: string;
                            ageAtDiagnosis?: number;
                            sex?: string;
                            event: string;
                            diagnosedOn: string;
                            reportedOn: string;
                            afterDeath: boolean;
                            ruleVersion: string | null;
                            state: string;
                            description?: string;
                            deadlines: {
                                documentsDueOn: string | null;
                                reviewDueOn: string | null;
                                appealDueOn: string | null;
                                publicityEndsOn: string | null;
                                payoutDueOn: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            complexity: string | null;
                            reviewerId: number | null;
                            investigatorId: number | null;
                            decision: ({
                                approved: boolean;
                                reason?: string | null;
                                explanation: string;
                                reasonCode?: string | null;
                                reasonParams?: {
                                    [key: string]: unknown;
                                } | null;
                                benefitFen?: number | null;
                                scheduleFen?: number | null;
                                phaseInBp?: number | null;
                                ruleVersion?: string | null;
                                by?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            benefitFen: number | null;
                            payout?: {
                                paidFen: number | null;
                                cutFen: number | null;
                                cycleId: number | null;
                                reason: {
                                    cause: string;
                                    text: string;
                                    reasonCode: string;
                                    reasonParams: {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            publishedOn: string | null;
                            appealed: boolean;
                            explanationRequested: boolean;
                            caseId: number | null;
                            deposit: {
                                fen: number | null;
                                status: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            documents?: ({
                                sha256?: string;
                                contentType: string;
                                sizeBytes: number;
                                kind: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            findings?: ({
                                findings: string;
                                expertOpinion: string | null;
                                diagnosisProven: boolean;
                                preExisting: boolean;
                                falseClaim: boolean;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            objections?: ({
                                grounds: string;
                                at: string;
                                objector?: unknown;
                            } & {
                                [key: string]: unknown;
                            })[];
                            explanations?: ({
                                text: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            signals?: unknown;
                            transitions?: ({
                                from: string | null;
                                to: string;
                                action: string;
                                actor: string;
                                reason: string | null;
                                reasonCode: string | null;
                                reasonParams: {
                                    [key: string]: unknown;
                                } | null;
                                note?: string;
                                ruleVersion: string | null;
                                on: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/claims/{claimId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    claimId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimId: number;
                            planId: string;
                            participationId: number;
                            memberId: number;
                            nameMasked: string;
                            idMasked: string;
                            ageAtDiagnosis?: number;
                            sex?: string;
                            event: string;
                            diagnosedOn: string;
                            reportedOn: string;
                            afterDeath: boolean;
                            ruleVersion: string | null;
                            state: string;
                            description?: string;
                            deadlines: {
                                documentsDueOn: string | null;
                                reviewDueOn: string | null;
                                appealDueOn: string | null;
                                publicityEndsOn: string | null;
                                payoutDueOn: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            complexity: string | null;
                            reviewerId: number | null;
                            investigatorId: number | null;
                            decision: ({
                                approved: boolean;
                                reason?: string | null;
                                explanation: string;
                                reasonCode?: string | null;
                                reasonParams?: {
                                    [key: string]: unknown;
                                } | null;
                                benefitFen?: number | null;
                                scheduleFen?: number | null;
                                phaseInBp?: number | null;
                                ruleVersion?: string | null;
                                by?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            benefitFen: number | null;
                            payout?: {
                                paidFen: number | null;
                                cutFen: number | null;
                                cycleId: number | null;
                                reason: {
                                    cause: string;
                                    text: string;
                                    reasonCode: string;
                                    reasonParams: {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            publishedOn: string | null;
                            appealed: boolean;
                            explanationRequested: boolean;
                            caseId: number | null;
                            deposit: {
                                fen: number | null;
                                status: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            documents?: ({
                                sha256?: string;
                                contentType: string;
                                sizeBytes: number;
                                kind: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            findings?: ({
                                findings: string;
                                expertOpinion: string | null;
                                diagnosisProven: boolean;
                                preExisting: boolean;
                                falseClaim: boolean;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            objections?: ({
                                grounds: string;
                                at: string;
                                objector?: unknown;
                            } & {
                                [key: string]: unknown;
                            })[];
                            explanations?: ({
                                text: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            signals?: unknown;
                            transitions?: ({
                                from: string | null;
                                to: string;
                                action: string;
                                actor: string;
                                reason: string | null;
                                reasonCode: string | null;
                                reasonParams: {
                                    [key: string]: unknown;
                                } | null;
                                note?: string;
                                ruleVersion: string | null;
                                on: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/claims/{claimId}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload a document (application/pdf, image/jpeg, image/png, at most 10485760 bytes); stored by its SHA-256 */
        post: {
            parameters: {
                query?: {
                    kind?: string;
                };
                header?: never;
                path: {
                    claimId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sha256?: string;
                            contentType: string;
                            sizeBytes: number;
                            kind: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (413) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (415) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/claims/{claimId}/documents/{sha256}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A document: only the applicant, the assigned reviewer and the assigned investigator */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    claimId: string;
                    sha256: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/claims/{claimId}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hand in the documents: the review starts */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    claimId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimId: number;
                            planId: string;
                            participationId: number;
                            memberId: number;
                            nameMasked: string;
                            idMasked: string;
                            ageAtDiagnosis?: number;
                            sex?: string;
                            event: string;
                            diagnosedOn: string;
                            reportedOn: string;
                            afterDeath: boolean;
                            ruleVersion: string | null;
                            state: string;
                            description?: string;
                            deadlines: {
                                documentsDueOn: string | null;
                                reviewDueOn: string | null;
                                appealDueOn: string | null;
                                publicityEndsOn: string | null;
                                payoutDueOn: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            complexity: string | null;
                            reviewerId: number | null;
                            investigatorId: number | null;
                            decision: ({
                                approved: boolean;
                                reason?: string | null;
                                explanation: string;
                                reasonCode?: string | null;
                                reasonParams?: {
                                    [key: string]: unknown;
                                } | null;
                                benefitFen?: number | null;
                                scheduleFen?: number | null;
                                phaseInBp?: number | null;
                                ruleVersion?: string | null;
                                by?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            benefitFen: number | null;
                            payout?: {
                                paidFen: number | null;
                                cutFen: number | null;
                                cycleId: number | null;
                                reason: {
                                    cause: string;
                                    text: string;
                                    reasonCode: string;
                                    reasonParams: {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            publishedOn: string | null;
                            appealed: boolean;
                            explanationRequested: boolean;
                            caseId: number | null;
                            deposit: {
                                fen: number | null;
                                status: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            documents?: ({
                                sha256?: string;
                                contentType: string;
                                sizeBytes: number;
                                kind: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            findings?: ({
                                findings: string;
                                expertOpinion: string | null;
                                diagnosisProven: boolean;
                                preExisting: boolean;
                                falseClaim: boolean;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            objections?: ({
                                grounds: string;
                                at: string;
                                objector?: unknown;
                            } & {
                                [key: string]: unknown;
                            })[];
                            explanations?: ({
                                text: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            signals?: unknown;
                            transitions?: ({
                                from: string | null;
                                to: string;
                                action: string;
                                actor: string;
                                reason: string | null;
                                reasonCode: string | null;
                                reasonParams: {
                                    [key: string]: unknown;
                                } | null;
                                note?: string;
                                ruleVersion: string | null;
                                on: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/claims/{claimId}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw the claim before it is shared (a held deposit is refunded) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    claimId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default  */
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimId: number;
                            planId: string;
                            participationId: number;
                            memberId: number;
                            nameMasked: string;
                            idMasked: string;
                            ageAtDiagnosis?: number;
                            sex?: string;
                            event: string;
                            diagnosedOn: string;
                            reportedOn: string;
                            afterDeath: boolean;
                            ruleVersion: string | null;
                            state: string;
                            description?: string;
                            deadlines: {
                                documentsDueOn: string | null;
                                reviewDueOn: string | null;
                                appealDueOn: string | null;
                                publicityEndsOn: string | null;
                                payoutDueOn: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            complexity: string | null;
                            reviewerId: number | null;
                            investigatorId: number | null;
                            decision: ({
                                approved: boolean;
                                reason?: string | null;
                                explanation: string;
                                reasonCode?: string | null;
                                reasonParams?: {
                                    [key: string]: unknown;
                                } | null;
                                benefitFen?: number | null;
                                scheduleFen?: number | null;
                                phaseInBp?: number | null;
                                ruleVersion?: string | null;
                                by?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            benefitFen: number | null;
                            payout?: {
                                paidFen: number | null;
                                cutFen: number | null;
                                cycleId: number | null;
                                reason: {
                                    cause: string;
                                    text: string;
                                    reasonCode: string;
                                    reasonParams: {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            publishedOn: string | null;
                            appealed: boolean;
                            explanationRequested: boolean;
                            caseId: number | null;
                            deposit: {
                                fen: number | null;
                                status: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            documents?: ({
                                sha256?: string;
                                contentType: string;
                                sizeBytes: number;
                                kind: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            findings?: ({
                                findings: string;
                                expertOpinion: string | null;
                                diagnosisProven: boolean;
                                preExisting: boolean;
                                falseClaim: boolean;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            objections?: ({
                                grounds: string;
                                at: string;
                                objector?: unknown;
                            } & {
                                [key: string]: unknown;
                            })[];
                            explanations?: ({
                                text: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            signals?: unknown;
                            transitions?: ({
                                from: string | null;
                                to: string;
                                action: string;
                                actor: string;
                                reason: string | null;
                                reasonCode: string | null;
                                reasonParams: {
                                    [key: string]: unknown;
                                } | null;
                                note?: string;
                                ruleVersion: string | null;
                                on: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/claims/{claimId}/appeal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Appeal a refusal to the jury (the jurors are drawn verifiably) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    claimId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimId: number;
                            planId: string;
                            participationId: number;
                            memberId: number;
                            nameMasked: string;
                            idMasked: string;
                            ageAtDiagnosis?: number;
                            sex?: string;
                            event: string;
                            diagnosedOn: string;
                            reportedOn: string;
                            afterDeath: boolean;
                            ruleVersion: string | null;
                            state: string;
                            description?: string;
                            deadlines: {
                                documentsDueOn: string | null;
                                reviewDueOn: string | null;
                                appealDueOn: string | null;
                                publicityEndsOn: string | null;
                                payoutDueOn: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            complexity: string | null;
                            reviewerId: number | null;
                            investigatorId: number | null;
                            decision: ({
                                approved: boolean;
                                reason?: string | null;
                                explanation: string;
                                reasonCode?: string | null;
                                reasonParams?: {
                                    [key: string]: unknown;
                                } | null;
                                benefitFen?: number | null;
                                scheduleFen?: number | null;
                                phaseInBp?: number | null;
                                ruleVersion?: string | null;
                                by?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            benefitFen: number | null;
                            payout?: {
                                paidFen: number | null;
                                cutFen: number | null;
                                cycleId: number | null;
                                reason: {
                                    cause: string;
                                    text: string;
                                    reasonCode: string;
                                    reasonParams: {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            publishedOn: string | null;
                            appealed: boolean;
                            explanationRequested: boolean;
                            caseId: number | null;
                            deposit: {
                                fen: number | null;
                                status: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            documents?: ({
                                sha256?: string;
                                contentType: string;
                                sizeBytes: number;
                                kind: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            findings?: ({
                                findings: string;
                                expertOpinion: string | null;
                                diagnosisProven: boolean;
                                preExisting: boolean;
                                falseClaim: boolean;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            objections?: ({
                                grounds: string;
                                at: string;
                                objector?: unknown;
                            } & {
                                [key: string]: unknown;
                            })[];
                            explanations?: ({
                                text: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            signals?: unknown;
                            transitions?: ({
                                from: string | null;
                                to: string;
                                action: string;
                                actor: string;
                                reason: string | null;
                                reasonCode: string | null;
                                reasonParams: {
                                    [key: string]: unknown;
                                } | null;
                                note?: string;
                                ruleVersion: string | null;
                                on: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/claims/{claimId}/explanation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer an objection */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    claimId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimId: number;
                            planId: string;
                            participationId: number;
                            memberId: number;
                            nameMasked: string;
                            idMasked: string;
                            ageAtDiagnosis?: number;
                            sex?: string;
                            event: string;
                            diagnosedOn: string;
                            reportedOn: string;
                            afterDeath: boolean;
                            ruleVersion: string | null;
                            state: string;
                            description?: string;
                            deadlines: {
                                documentsDueOn: string | null;
                                reviewDueOn: string | null;
                                appealDueOn: string | null;
                                publicityEndsOn: string | null;
                                payoutDueOn: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            complexity: string | null;
                            reviewerId: number | null;
                            investigatorId: number | null;
                            decision: ({
                                approved: boolean;
                                reason?: string | null;
                                explanation: string;
                                reasonCode?: string | null;
                                reasonParams?: {
                                    [key: string]: unknown;
                                } | null;
                                benefitFen?: number | null;
                                scheduleFen?: number | null;
                                phaseInBp?: number | null;
                                ruleVersion?: string | null;
                                by?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            benefitFen: number | null;
                            payout?: {
                                paidFen: number | null;
                                cutFen: number | null;
                                cycleId: number | null;
                                reason: {
                                    cause: string;
                                    text: string;
                                    reasonCode: string;
                                    reasonParams: {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            publishedOn: string | null;
                            appealed: boolean;
                            explanationRequested: boolean;
                            caseId: number | null;
                            deposit: {
                                fen: number | null;
                                status: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            documents?: ({
                                sha256?: string;
                                contentType: string;
                                sizeBytes: number;
                                kind: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            findings?: ({
                                findings: string;
                                expertOpinion: string | null;
                                diagnosisProven: boolean;
                                preExisting: boolean;
                                falseClaim: boolean;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            objections?: ({
                                grounds: string;
                                at: string;
                                objector?: unknown;
                            } & {
                                [key: string]: unknown;
                            })[];
                            explanations?: ({
                                text: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            signals?: unknown;
                            transitions?: ({
                                from: string | null;
                                to: string;
                                action: string;
                                actor: string;
                                reason: string | null;
                                reasonCode: string | null;
                                reasonParams: {
                                    [key: string]: unknown;
                                } | null;
                                note?: string;
                                ruleVersion: string | null;
                                on: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/claims/{claimId}/objections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Object to a published case, with grounds (a member sharing in the plan, once, during the publicity period) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    claimId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        grounds: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimId: number;
                            state: string;
                            objectedOn: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/claims/{claimId}/assignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign the reviewer and set the complexity (the review deadline follows) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    claimId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reviewerId?: number;
                        /** @enum {string} */
                        complexity?: "clear" | "complex" | "veryComplex";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimId: number;
                            planId: string;
                            participationId: number;
                            memberId: number;
                            nameMasked: string;
                            idMasked: string;
                            ageAtDiagnosis?: number;
                            sex?: string;
                            event: string;
                            diagnosedOn: string;
                            reportedOn: string;
                            afterDeath: boolean;
                            ruleVersion: string | null;
                            state: string;
                            description?: string;
                            deadlines: {
                                documentsDueOn: string | null;
                                reviewDueOn: string | null;
                                appealDueOn: string | null;
                                publicityEndsOn: string | null;
                                payoutDueOn: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            complexity: string | null;
                            reviewerId: number | null;
                            investigatorId: number | null;
                            decision: ({
                                approved: boolean;
                                reason?: string | null;
                                explanation: string;
                                reasonCode?: string | null;
                                reasonParams?: {
                                    [key: string]: unknown;
                                } | null;
                                benefitFen?: number | null;
                                scheduleFen?: number | null;
                                phaseInBp?: number | null;
                                ruleVersion?: string | null;
                                by?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            benefitFen: number | null;
                            payout?: {
                                paidFen: number | null;
                                cutFen: number | null;
                                cycleId: number | null;
                                reason: {
                                    cause: string;
                                    text: string;
                                    reasonCode: string;
                                    reasonParams: {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            publishedOn: string | null;
                            appealed: boolean;
                            explanationRequested: boolean;
                            caseId: number | null;
                            deposit: {
                                fen: number | null;
                                status: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            documents?: ({
                                sha256?: string;
                                contentType: string;
                                sizeBytes: number;
                                kind: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            findings?: ({
                                findings: string;
                                expertOpinion: string | null;
                                diagnosisProven: boolean;
                                preExisting: boolean;
                                falseClaim: boolean;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            objections?: ({
                                grounds: string;
                                at: string;
                                objector?: unknown;
                            } & {
                                [key: string]: unknown;
                            })[];
                            explanations?: ({
                                text: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            signals?: unknown;
                            transitions?: ({
                                from: string | null;
                                to: string;
                                action: string;
                                actor: string;
                                reason: string | null;
                                reasonCode: string | null;
                                reasonParams: {
                                    [key: string]: unknown;
                                } | null;
                                note?: string;
                                ruleVersion: string | null;
                                on: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/claims/{claimId}/investigation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the case to an investigator (the assigned reviewer) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    claimId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        investigatorId: number;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimId: number;
                            planId: string;
                            participationId: number;
                            memberId: number;
                            nameMasked: string;
                            idMasked: string;
                            ageAtDiagnosis?: number;
                            sex?: string;
                            event: string;
                            diagnosedOn: string;
                            reportedOn: string;
                            afterDeath: boolean;
                            ruleVersion: string | null;
                            state: string;
                            description?: string;
                            deadlines: {
                                documentsDueOn: string | null;
                                reviewDueOn: string | null;
                                appealDueOn: string | null;
                                publicityEndsOn: string | null;
                                payoutDueOn: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            complexity: string | null;
                            reviewerId: number | null;
                            investigatorId: number | null;
                            decision: ({
                                approved: boolean;
                                reason?: string | null;
                                explanation: string;
                                reasonCode?: string | null;
                                reasonParams?: {
                                    [key: string]: unknown;
                                } | null;
                                benefitFen?: number | null;
                                scheduleFen?: number | null;
                                phaseInBp?: number | null;
                                ruleVersion?: string | null;
                                by?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            benefitFen: number | null;
                            payout?: {
                                paidFen: number | null;
                                cutFen: number | null;
                                cycleId: number | null;
                                reason: {
                                    cause: string;
                                    text: string;
                                    reasonCode: string;
                                    reasonParams: {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            publishedOn: string | null;
                            appealed: boolean;
                            explanationRequested: boolean;
                            caseId: number | null;
                            deposit: {
                                fen: number | null;
                                status: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            documents?: ({
                                sha256?: string;
                                contentType: string;
                                sizeBytes: number;
                                kind: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            findings?: ({
                                findings: string;
                                expertOpinion: string | null;
                                diagnosisProven: boolean;
                                preExisting: boolean;
                                falseClaim: boolean;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            objections?: ({
                                grounds: string;
                                at: string;
                                objector?: unknown;
                            } & {
                                [key: string]: unknown;
                            })[];
                            explanations?: ({
                                text: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            signals?: unknown;
                            transitions?: ({
                                from: string | null;
                                to: string;
                                action: string;
                                actor: string;
                                reason: string | null;
                                reasonCode: string | null;
                                reasonParams: {
                                    [key: string]: unknown;
                                } | null;
                                note?: string;
                                ruleVersion: string | null;
                                on: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/claims/{claimId}/findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the investigation's findings and the expert's opinion (the assigned investigator) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    claimId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        findings: string;
                        expertOpinion?: string;
                        diagnosisProven: boolean;
                        preExisting: boolean;
                        falseClaim: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimId: number;
                            planId: string;
                            participationId: number;
                            memberId: number;
                            nameMasked: string;
                            idMasked: string;
                            ageAtDiagnosis?: number;
                            sex?: string;
                            event: string;
                            diagnosedOn: string;
                            reportedOn: string;
                            afterDeath: boolean;
                            ruleVersion: string | null;
                            state: string;
                            description?: string;
                            deadlines: {
                                documentsDueOn: string | null;
                                reviewDueOn: string | null;
                                appealDueOn: string | null;
                                publicityEndsOn: string | null;
                                payoutDueOn: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            complexity: string | null;
                            reviewerId: number | null;
                            investigatorId: number | null;
                            decision: ({
                                approved: boolean;
                                reason?: string | null;
                                explanation: string;
                                reasonCode?: string | null;
                                reasonParams?: {
                                    [key: string]: unknown;
                                } | null;
                                benefitFen?: number | null;
                                scheduleFen?: number | null;
                                phaseInBp?: number | null;
                                ruleVersion?: string | null;
                                by?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            benefitFen: number | null;
                            payout?: {
                                paidFen: number | null;
                                cutFen: number | null;
                                cycleId: number | null;
                                reason: {
                                    cause: string;
                                    text: string;
                                    reasonCode: string;
                                    reasonParams: {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            publishedOn: string | null;
                            appealed: boolean;
                            explanationRequested: boolean;
                            caseId: number | null;
                            deposit: {
                                fen: number | null;
                                status: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            documents?: ({
                                sha256?: string;
                                contentType: string;
                                sizeBytes: number;
                                kind: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            findings?: ({
                                findings: string;
                                expertOpinion: string | null;
                                diagnosisProven: boolean;
                                preExisting: boolean;
                                falseClaim: boolean;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            objections?: ({
                                grounds: string;
                                at: string;
                                objector?: unknown;
                            } & {
                                [key: string]: unknown;
                            })[];
                            explanations?: ({
                                text: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            signals?: unknown;
                            transitions?: ({
                                from: string | null;
                                to: string;
                                action: string;
                                actor: string;
                                reason: string | null;
                                reasonCode: string | null;
                                reasonParams: {
                                    [key: string]: unknown;
                                } | null;
                                note?: string;
                                ruleVersion: string | null;
                                on: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/claims/{claimId}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decide by the rules and the findings (the assigned reviewer) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    claimId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        diagnosisProven?: boolean;
                        preExisting?: boolean;
                        falseClaim?: boolean;
                        /** @default  */
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimId: number;
                            planId: string;
                            participationId: number;
                            memberId: number;
                            nameMasked: string;
                            idMasked: string;
                            ageAtDiagnosis?: number;
                            sex?: string;
                            event: string;
                            diagnosedOn: string;
                            reportedOn: string;
                            afterDeath: boolean;
                            ruleVersion: string | null;
                            state: string;
                            description?: string;
                            deadlines: {
                                documentsDueOn: string | null;
                                reviewDueOn: string | null;
                                appealDueOn: string | null;
                                publicityEndsOn: string | null;
                                payoutDueOn: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            complexity: string | null;
                            reviewerId: number | null;
                            investigatorId: number | null;
                            decision: ({
                                approved: boolean;
                                reason?: string | null;
                                explanation: string;
                                reasonCode?: string | null;
                                reasonParams?: {
                                    [key: string]: unknown;
                                } | null;
                                benefitFen?: number | null;
                                scheduleFen?: number | null;
                                phaseInBp?: number | null;
                                ruleVersion?: string | null;
                                by?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            benefitFen: number | null;
                            payout?: {
                                paidFen: number | null;
                                cutFen: number | null;
                                cycleId: number | null;
                                reason: {
                                    cause: string;
                                    text: string;
                                    reasonCode: string;
                                    reasonParams: {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            publishedOn: string | null;
                            appealed: boolean;
                            explanationRequested: boolean;
                            caseId: number | null;
                            deposit: {
                                fen: number | null;
                                status: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            documents?: ({
                                sha256?: string;
                                contentType: string;
                                sizeBytes: number;
                                kind: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            findings?: ({
                                findings: string;
                                expertOpinion: string | null;
                                diagnosisProven: boolean;
                                preExisting: boolean;
                                falseClaim: boolean;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            objections?: ({
                                grounds: string;
                                at: string;
                                objector?: unknown;
                            } & {
                                [key: string]: unknown;
                            })[];
                            explanations?: ({
                                text: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            signals?: unknown;
                            transitions?: ({
                                from: string | null;
                                to: string;
                                action: string;
                                actor: string;
                                reason: string | null;
                                reasonCode: string | null;
                                reasonParams: {
                                    [key: string]: unknown;
                                } | null;
                                note?: string;
                                ruleVersion: string | null;
                                on: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/claims/{claimId}/jury/votes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A juror's vote with its reason: once, within the window */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    claimId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        inFavour: boolean;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimId: number;
                            inFavour: boolean;
                            at: string;
                            alreadyVoted: boolean;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{memberId}/death": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a member's death (operator): an heir's claim after a death needs it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description civil date YYYY-MM-DD in Asia/Shanghai */
                        diedOn: string;
                    };
                };
            };
            responses: {
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/claims/{claimId}/jury": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The jury's public record: seed inputs, candidate digest, jurors, tally */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    claimId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimId: number;
                            seed: string;
                            seedInputs: {
                                claimId: number;
                                logSize: number;
                                logRootHex: string;
                            } & {
                                [key: string]: unknown;
                            };
                            candidates: {
                                count: number;
                                digest: string;
                            } & {
                                [key: string]: unknown;
                            };
                            jurySize: number;
                            rule: {
                                overturnAboveBp: number;
                                quorum: number;
                            } & {
                                [key: string]: unknown;
                            };
                            drawnAt: string;
                            closesAt: string;
                            jurors: string[];
                            tally: ({
                                outcome: string;
                                inFavour: number;
                                against: number;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            reasons: ({
                                inFavour: boolean;
                                reason: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/claims/{claimId}/jury/candidates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The published candidate list (pseudonyms, one per line) the draw used */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    claimId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plans/{planId}/announcements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases in their publicity period, masked, paginated; open to anyone, members may object */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: string;
                };
                header?: never;
                path: {
                    planId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                claimId: number;
                                nameMasked: string;
                                ageBand: string;
                                event: string;
                                diagnosedOn: string;
                                benefitFen: number;
                                publishedOn: string;
                                objectionsUntil: string;
                                explanation?: string | null;
                                reasonCode?: string | null;
                                reasonParams?: {
                                    [key: string]: unknown;
                                } | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                            nextCursor?: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plans/{planId}/objections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases members objected to, masked, with how many objections and what became of each */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    planId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                claimId: number;
                                nameMasked: string;
                                ageBand: string;
                                event: string;
                                benefitFen?: number | null;
                                objections: number;
                                lastObjectedAt: string;
                                /** @enum {string} */
                                outcome: "under_review" | "approved" | "refused" | "ended";
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/claims/advance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the claims scheduler now: lapse, close juries, end publicity, mark paid */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/claims/{claimId}/jury/case": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The masked case file for a drawn juror: reasons, findings, the document list */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    claimId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claimId: number;
                            planId: string;
                            applicant: {
                                nameMasked: string;
                                ageBand: string;
                            } & {
                                [key: string]: unknown;
                            };
                            event: string;
                            diagnosedOn: string;
                            reportedOn: string;
                            ruleVersion: string | null;
                            decision: ({
                                reason?: string | null;
                                explanation: string;
                                reasonCode: string | null;
                                reasonParams: {
                                    [key: string]: unknown;
                                } | null;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            reasons: ({
                                action: string;
                                to: string;
                                reason: string | null;
                                reasonCode: string | null;
                                reasonParams: {
                                    [key: string]: unknown;
                                } | null;
                                on: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            findings: ({
                                findings: string;
                                expertOpinion: string | null;
                                diagnosisProven: boolean;
                                preExisting: boolean;
                                falseClaim: boolean;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            documents: ({
                                kind: string;
                                contentType: string;
                                sizeBytes: number;
                            } & {
                                [key: string]: unknown;
                            })[];
                            vote: {
                                closesAt: string;
                                path: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/juries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The juries you were drawn for (your invitations), newest first, with your vote and the result */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                claimId: number;
                                planId: string;
                                drawnAt: string;
                                closesAt: string;
                                myVote: boolean | null;
                                tally: ({
                                    outcome: string;
                                    inFavour: number;
                                    against: number;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/proposals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Proposals, by id (public) */
        get: {
            parameters: {
                query?: {
                    planId?: string;
                    cursor?: string;
                    limit?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                proposalId: number;
                                planId: string;
                                kind: string;
                                title: string;
                                text: string;
                                changes: unknown | null;
                                diff: string[];
                                recordedDiff: string[];
                                changeClass: string;
                                classReasons: string[];
                                conflicts: ({
                                    proposalId: number;
                                    title: string;
                                    state: string;
                                    rules: string[];
                                } & {
                                    [key: string]: unknown;
                                })[];
                                proposer: string;
                                state: string;
                                charter: string | null;
                                publishedOn: string | null;
                                effectiveOn: string | null;
                                noticeEndsOn: string | null;
                                voteRequired: boolean;
                                votingClosesOn: string | null;
                                voteRule: ({
                                    comparison: string;
                                    thresholdPercent: number;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                quorumPercent: number | null;
                                eligible: number | null;
                                tally: ({
                                    inFavour: number;
                                    against: number;
                                    eligible?: number;
                                    quorumMet?: boolean;
                                    passed: boolean;
                                    explanation?: string;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                adoptedVersion: string | null;
                                comments: number;
                                evaluations: ({
                                    role: string;
                                    expertName: string | null;
                                    recommend: boolean;
                                    opinion: string;
                                    at: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                events: ({
                                    from: string | null;
                                    to: string;
                                    action: string;
                                    actor: string;
                                    reason: string | null;
                                    at: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                            } & {
                                [key: string]: unknown;
                            })[];
                            nextCursor?: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Submit a suggestion, optionally a concrete change to the rules (a patch) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        planId: string;
                        /**
                         * @default change
                         * @enum {string}
                         */
                        kind?: "change" | "dissolution";
                        title: string;
                        text: string;
                        changes?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            proposalId: number;
                            planId: string;
                            kind: string;
                            title: string;
                            text: string;
                            changes: unknown | null;
                            diff: string[];
                            recordedDiff: string[];
                            changeClass: string;
                            classReasons: string[];
                            conflicts: ({
                                proposalId: number;
                                title: string;
                                state: string;
                                rules: string[];
                            } & {
                                [key: string]: unknown;
                            })[];
                            proposer: string;
                            state: string;
                            charter: string | null;
                            publishedOn: string | null;
                            effectiveOn: string | null;
                            noticeEndsOn: string | null;
                            voteRequired: boolean;
                            votingClosesOn: string | null;
                            voteRule: ({
                                comparison: string;
                                thresholdPercent: number;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            quorumPercent: number | null;
                            eligible: number | null;
                            tally: ({
                                inFavour: number;
                                against: number;
                                eligible?: number;
                                quorumMet?: boolean;
                                passed: boolean;
                                explanation?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            adoptedVersion: string | null;
                            comments: number;
                            evaluations: ({
                                role: string;
                                expertName: string | null;
                                recommend: boolean;
                                opinion: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            events: ({
                                from: string | null;
                                to: string;
                                action: string;
                                actor: string;
                                reason: string | null;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/proposals/{proposalId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A proposal: its diff, class, evaluations, events and result (public) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    proposalId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            proposalId: number;
                            planId: string;
                            kind: string;
                            title: string;
                            text: string;
                            changes: unknown | null;
                            diff: string[];
                            recordedDiff: string[];
                            changeClass: string;
                            classReasons: string[];
                            conflicts: ({
                                proposalId: number;
                                title: string;
                                state: string;
                                rules: string[];
                            } & {
                                [key: string]: unknown;
                            })[];
                            proposer: string;
                            state: string;
                            charter: string | null;
                            publishedOn: string | null;
                            effectiveOn: string | null;
                            noticeEndsOn: string | null;
                            voteRequired: boolean;
                            votingClosesOn: string | null;
                            voteRule: ({
                                comparison: string;
                                thresholdPercent: number;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            quorumPercent: number | null;
                            eligible: number | null;
                            tally: ({
                                inFavour: number;
                                against: number;
                                eligible?: number;
                                quorumMet?: boolean;
                                passed: boolean;
                                explanation?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            adoptedVersion: string | null;
                            comments: number;
                            evaluations: ({
                                role: string;
                                expertName: string | null;
                                recommend: boolean;
                                opinion: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            events: ({
                                from: string | null;
                                to: string;
                                action: string;
                                actor: string;
                                reason: string | null;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/proposals/{proposalId}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A proposal's comments in order (public) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: string;
                };
                header?: never;
                path: {
                    proposalId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                commentId?: number;
                                member: string;
                                text: string;
                                at?: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            nextCursor?: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Comment during the notice period */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    proposalId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            proposalId: number;
                            member: string;
                            text: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/proposals/{proposalId}/recount": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ballots recounted from the transparency log (public) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    proposalId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            inFavour: number;
                            against: number;
                            members: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/proposals/{proposalId}/evaluations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The operator's or an expert's evaluation, with reasons */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    proposalId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "operator" | "expert";
                        expertName?: string;
                        recommend: boolean;
                        opinion: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            proposalId: number;
                            planId: string;
                            kind: string;
                            title: string;
                            text: string;
                            changes: unknown | null;
                            diff: string[];
                            recordedDiff: string[];
                            changeClass: string;
                            classReasons: string[];
                            conflicts: ({
                                proposalId: number;
                                title: string;
                                state: string;
                                rules: string[];
                            } & {
                                [key: string]: unknown;
                            })[];
                            proposer: string;
                            state: string;
                            charter: string | null;
                            publishedOn: string | null;
                            effectiveOn: string | null;
                            noticeEndsOn: string | null;
                            voteRequired: boolean;
                            votingClosesOn: string | null;
                            voteRule: ({
                                comparison: string;
                                thresholdPercent: number;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            quorumPercent: number | null;
                            eligible: number | null;
                            tally: ({
                                inFavour: number;
                                against: number;
                                eligible?: number;
                                quorumMet?: boolean;
                                passed: boolean;
                                explanation?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            adoptedVersion: string | null;
                            comments: number;
                            evaluations: ({
                                role: string;
                                expertName: string | null;
                                recommend: boolean;
                                opinion: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            events: ({
                                from: string | null;
                                to: string;
                                action: string;
                                actor: string;
                                reason: string | null;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/proposals/{proposalId}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept the proposal for publication, or decline it with reasons */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    proposalId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accept: boolean;
                        reasons: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            proposalId: number;
                            planId: string;
                            kind: string;
                            title: string;
                            text: string;
                            changes: unknown | null;
                            diff: string[];
                            recordedDiff: string[];
                            changeClass: string;
                            classReasons: string[];
                            conflicts: ({
                                proposalId: number;
                                title: string;
                                state: string;
                                rules: string[];
                            } & {
                                [key: string]: unknown;
                            })[];
                            proposer: string;
                            state: string;
                            charter: string | null;
                            publishedOn: string | null;
                            effectiveOn: string | null;
                            noticeEndsOn: string | null;
                            voteRequired: boolean;
                            votingClosesOn: string | null;
                            voteRule: ({
                                comparison: string;
                                thresholdPercent: number;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            quorumPercent: number | null;
                            eligible: number | null;
                            tally: ({
                                inFavour: number;
                                against: number;
                                eligible?: number;
                                quorumMet?: boolean;
                                passed: boolean;
                                explanation?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            adoptedVersion: string | null;
                            comments: number;
                            evaluations: ({
                                role: string;
                                expertName: string | null;
                                recommend: boolean;
                                opinion: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            events: ({
                                from: string | null;
                                to: string;
                                action: string;
                                actor: string;
                                reason: string | null;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/proposals/{proposalId}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish with notice (the charter's days) and open the vote where needed */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    proposalId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description civil date YYYY-MM-DD in Asia/Shanghai */
                        effectiveOn: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            proposalId: number;
                            planId: string;
                            kind: string;
                            title: string;
                            text: string;
                            changes: unknown | null;
                            diff: string[];
                            recordedDiff: string[];
                            changeClass: string;
                            classReasons: string[];
                            conflicts: ({
                                proposalId: number;
                                title: string;
                                state: string;
                                rules: string[];
                            } & {
                                [key: string]: unknown;
                            })[];
                            proposer: string;
                            state: string;
                            charter: string | null;
                            publishedOn: string | null;
                            effectiveOn: string | null;
                            noticeEndsOn: string | null;
                            voteRequired: boolean;
                            votingClosesOn: string | null;
                            voteRule: ({
                                comparison: string;
                                thresholdPercent: number;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            quorumPercent: number | null;
                            eligible: number | null;
                            tally: ({
                                inFavour: number;
                                against: number;
                                eligible?: number;
                                quorumMet?: boolean;
                                passed: boolean;
                                explanation?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            adoptedVersion: string | null;
                            comments: number;
                            evaluations: ({
                                role: string;
                                expertName: string | null;
                                recommend: boolean;
                                opinion: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            events: ({
                                from: string | null;
                                to: string;
                                action: string;
                                actor: string;
                                reason: string | null;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/proposals/{proposalId}/ballots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Vote (changeable until the window closes; the last ballot counts) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    proposalId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        inFavour: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            proposal: number;
                            member: string;
                            inFavour: boolean;
                            seq: number;
                            replacesEarlier: boolean;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/proposals/{proposalId}/tally": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Count the vote after the window, by the charter */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    proposalId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            proposalId: number;
                            planId: string;
                            kind: string;
                            title: string;
                            text: string;
                            changes: unknown | null;
                            diff: string[];
                            recordedDiff: string[];
                            changeClass: string;
                            classReasons: string[];
                            conflicts: ({
                                proposalId: number;
                                title: string;
                                state: string;
                                rules: string[];
                            } & {
                                [key: string]: unknown;
                            })[];
                            proposer: string;
                            state: string;
                            charter: string | null;
                            publishedOn: string | null;
                            effectiveOn: string | null;
                            noticeEndsOn: string | null;
                            voteRequired: boolean;
                            votingClosesOn: string | null;
                            voteRule: ({
                                comparison: string;
                                thresholdPercent: number;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            quorumPercent: number | null;
                            eligible: number | null;
                            tally: ({
                                inFavour: number;
                                against: number;
                                eligible?: number;
                                quorumMet?: boolean;
                                passed: boolean;
                                explanation?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            adoptedVersion: string | null;
                            comments: number;
                            evaluations: ({
                                role: string;
                                expertName: string | null;
                                recommend: boolean;
                                opinion: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            events: ({
                                from: string | null;
                                to: string;
                                action: string;
                                actor: string;
                                reason: string | null;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/proposals/{proposalId}/adopt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Adopt: a new rule version on the published date, or the wind-down */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    proposalId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            proposalId: number;
                            planId: string;
                            kind: string;
                            title: string;
                            text: string;
                            changes: unknown | null;
                            diff: string[];
                            recordedDiff: string[];
                            changeClass: string;
                            classReasons: string[];
                            conflicts: ({
                                proposalId: number;
                                title: string;
                                state: string;
                                rules: string[];
                            } & {
                                [key: string]: unknown;
                            })[];
                            proposer: string;
                            state: string;
                            charter: string | null;
                            publishedOn: string | null;
                            effectiveOn: string | null;
                            noticeEndsOn: string | null;
                            voteRequired: boolean;
                            votingClosesOn: string | null;
                            voteRule: ({
                                comparison: string;
                                thresholdPercent: number;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            quorumPercent: number | null;
                            eligible: number | null;
                            tally: ({
                                inFavour: number;
                                against: number;
                                eligible?: number;
                                quorumMet?: boolean;
                                passed: boolean;
                                explanation?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            adoptedVersion: string | null;
                            comments: number;
                            evaluations: ({
                                role: string;
                                expertName: string | null;
                                recommend: boolean;
                                opinion: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            events: ({
                                from: string | null;
                                to: string;
                                action: string;
                                actor: string;
                                reason: string | null;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/proposals/{proposalId}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw before publication */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    proposalId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            proposalId: number;
                            planId: string;
                            kind: string;
                            title: string;
                            text: string;
                            changes: unknown | null;
                            diff: string[];
                            recordedDiff: string[];
                            changeClass: string;
                            classReasons: string[];
                            conflicts: ({
                                proposalId: number;
                                title: string;
                                state: string;
                                rules: string[];
                            } & {
                                [key: string]: unknown;
                            })[];
                            proposer: string;
                            state: string;
                            charter: string | null;
                            publishedOn: string | null;
                            effectiveOn: string | null;
                            noticeEndsOn: string | null;
                            voteRequired: boolean;
                            votingClosesOn: string | null;
                            voteRule: ({
                                comparison: string;
                                thresholdPercent: number;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            quorumPercent: number | null;
                            eligible: number | null;
                            tally: ({
                                inFavour: number;
                                against: number;
                                eligible?: number;
                                quorumMet?: boolean;
                                passed: boolean;
                                explanation?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            adoptedVersion: string | null;
                            comments: number;
                            evaluations: ({
                                role: string;
                                expertName: string | null;
                                recommend: boolean;
                                opinion: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            events: ({
                                from: string | null;
                                to: string;
                                action: string;
                                actor: string;
                                reason: string | null;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plans/{planId}/charter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The plan's charter (会员公约), every version, with the log's key, its hand-overs and its witnesses */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    planId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description civil date YYYY-MM-DD in Asia/Shanghai */
                                effective: unknown;
                                /**
                                 * @default anyMember
                                 * @enum {string}
                                 */
                                proposers: "anyMember" | "operatorOnly";
                                /** @default 15 */
                                noticeDays: number;
                                /** @default 0 */
                                consultationDays: number;
                                /** @default 7 */
                                votingWindowDays: number;
                                /** @default 5 */
                                quorumPercent: number;
                                /**
                                 * @default {
                                 *       "ordinary": {
                                 *         "vote": false,
                                 *         "thresholdPercent": 50,
                                 *         "comparison": "moreThan"
                                 *       },
                                 *       "benefitReduction": {
                                 *         "vote": true,
                                 *         "thresholdPercent": 75,
                                 *         "comparison": "atLeast"
                                 *       },
                                 *       "feeIncrease": {
                                 *         "vote": true,
                                 *         "thresholdPercent": 75,
                                 *         "comparison": "atLeast"
                                 *       },
                                 *       "dissolution": {
                                 *         "vote": true,
                                 *         "thresholdPercent": 75,
                                 *         "comparison": "atLeast"
                                 *       }
                                 *     }
                                 */
                                votes: {
                                    ordinary: {
                                        vote: boolean;
                                        thresholdPercent: number;
                                        /** @enum {string} */
                                        comparison: "moreThan" | "atLeast";
                                    };
                                    benefitReduction: {
                                        vote: boolean;
                                        thresholdPercent: number;
                                        /** @enum {string} */
                                        comparison: "moreThan" | "atLeast";
                                    };
                                    feeIncrease: {
                                        vote: boolean;
                                        thresholdPercent: number;
                                        /** @enum {string} */
                                        comparison: "moreThan" | "atLeast";
                                    };
                                    dissolution: {
                                        vote: boolean;
                                        thresholdPercent: number;
                                        /** @enum {string} */
                                        comparison: "moreThan" | "atLeast";
                                    };
                                };
                            }[];
                            log: {
                                logKey: string;
                                handOvers: string[];
                                witnesses: ({
                                    name: string;
                                    vkey: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                pending: ({
                                    logKey: string;
                                    proposalId: number;
                                    state: string;
                                    publishedOn: string;
                                    handOverOn: string;
                                    voteRequired: boolean;
                                    votingClosesOn: string | null;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** A new charter version (draft or consultation plans only) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    planId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plans/{planId}/consultation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** draft → consultation */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    planId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plans/{planId}/launch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Launch: publishes the terms (rules and charter digests) to the log */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    planId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plans/{planId}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close by the operator with notice, where the charter does not reserve it to a vote */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    planId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description civil date YYYY-MM-DD in Asia/Shanghai */
                        closingOn: string;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plans/{planId}/membership": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Membership against the minimum, with the warning band */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    planId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your inbox, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                notificationId: number;
                                kind: string;
                                title: string;
                                body: string;
                                at: string;
                                read: boolean;
                            } & {
                                [key: string]: unknown;
                            })[];
                            nextCursor?: string | null;
                            cycleCharges: ({
                                kind: string;
                                cycleId: number;
                                planId: string;
                                announcedOn: string;
                                shareFen: number;
                                status: string;
                                memberId: number;
                                dependant: string | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/{notificationId}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a notice read */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    notificationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            notificationId: number;
                            read: boolean;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (422) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sms: boolean;
                            email: boolean;
                            emailMasked: string | null;
                            kinds: string[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        /** SMS and e-mail beside the inbox, by kind */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        sms: boolean;
                        email: boolean;
                        emailAddress?: string | null;
                        /**
                         * @default [
                         *       "proposal",
                         *       "vote",
                         *       "adopted_change",
                         *       "announcement",
                         *       "cycle_charge",
                         *       "plan_status",
                         *       "claim"
                         *     ]
                         */
                        kinds?: ("proposal" | "vote" | "adopted_change" | "announcement" | "cycle_charge" | "plan_status" | "claim")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sms: boolean;
                            email: boolean;
                            emailMasked: string | null;
                            kinds: string[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operations/cycles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A plan's cycles and the steps due now by the application's clock (operator, auditor, admin) */
        get: {
            parameters: {
                query: {
                    plan: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operations/cycles/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the plan's due cycle steps now, in order, as the scheduler would (operator or admin); nothing early */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        plan: string;
                    };
                };
            };
            responses: {
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operations/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the audit (`huzhu audit`): ledger, cycles, log and records; auditor or admin */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operations/members/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import members from a CSV upload (multipart/form-data, one file: name,mobile,resident_id,plan_id,tier,joined_on,invitation_code,deposit_fen); all rows or none, every bad row reported; deposits are offline receipts from the named depositSource */
        post: {
            parameters: {
                query?: {
                    depositSource?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (413) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (415) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operations/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Find a person by mobile or resident ID (through the lookup hashes), with dependants and participations, masked */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        mobile: string;
                    } | {
                        residentId: string;
                    };
                };
            };
            responses: {
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operations/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every staff account with its roles (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dev/clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The application's time and how far the development clock is ahead of the real one (development only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Move the development clock forward, for every process: `to` a moment (YYYY-MM-DD or YYYY-MM-DDTHH:MM, Shanghai) or `advance` by a duration (3d, 12h); operator or admin */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        to: string;
                    } | {
                        advance: string;
                    };
                };
            };
            responses: {
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plans/{planId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The plan's invitation codes counted (issued, by staff, by members, used); a member's own codes */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    planId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Issue invitation codes (staff: a batch; a member sharing in the plan: their own, a few at once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    planId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 1 */
                        count?: number;
                    };
                };
            };
            responses: {
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operations/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Failed jobs (after their retries) or late ones (due and not started); operator, auditor, admin */
        get: {
            parameters: {
                query: {
                    state: "failed" | "late";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                id: string;
                                queue: string;
                                state: string;
                                retryCount: number;
                                retryLimit: number;
                                startAfter: string;
                                startedOn: string | null;
                                completedOn: string | null;
                                lateSeconds: number;
                                error: string | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operations/jobs/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Try a failed job again (operator, admin); in the audit trail */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            queue: string;
                            state: string;
                            retryCount: number;
                            retryLimit: number;
                            startAfter: string;
                            startedOn: string | null;
                            completedOn: string | null;
                            lateSeconds: number;
                            error: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alive: the process answers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ready: the database answers, the migrations are current, the log sequencer is within its bound */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (503) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/log/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every log entry, signed head, cycle disclosure and rule document: what `huzhu audit --public` recomputes */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            publicKey: string;
                            heads: unknown[];
                            entries: ({
                                index: number;
                                entry: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            disclosures: ({
                                cycle: number;
                                plan: string;
                                disclosure: unknown;
                            } & {
                                [key: string]: unknown;
                            })[];
                            rules: ({
                                plan: string;
                                effective: string;
                                rules: unknown;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/log/checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The newest checkpoint a witness cosigned (else the newest), with every cosignature */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A C2SP checkpoint signed note: the log's signature, then each witness's cosignature */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/log/checkpoints/{size}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The checkpoint of a size with its cosignatures (heads written before issue 19 have none) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    size: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A C2SP checkpoint signed note: the log's signature, then each witness's cosignature */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/log/witnesses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The log's verifier key (C2SP vkey) and the witnesses it submits to: compare with the charter's */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            logKey: string;
                            /** @description Every log key hand-over the log recorded (signed notes, old key then new), in order */
                            handOvers: string[];
                            witnesses: {
                                name?: string;
                                vkey?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operations/personal-data-reads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every staff read of personal data, newest first, of one member or all (auditor, admin) */
        get: {
            parameters: {
                query?: {
                    member?: string;
                    cursor?: string;
                    limit?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                readId: number;
                                /** @enum {string} */
                                actorKind: "staff" | "command";
                                actorId: number;
                                subjectId: number;
                                data: string;
                                purpose: string;
                                at: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            nextCursor?: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{memberId}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything held about you (or your dependant), as JSON: identity in plain, for you only */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            exportedAt: string;
                            member: {
                                memberId: number;
                                kind: string;
                                guardianId: number | null;
                                relation: string | null;
                                pseudonym: string;
                                birthDate: string;
                                sex: string;
                                registeredAt: string;
                                diedOn: string | null;
                                erasedAt: string | null;
                                identityEvidenceKeptUntil: string | null;
                                identity: {
                                    residentId: string | null;
                                    name: string | null;
                                    mobile: string | null;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            dependants: unknown[];
                            dependantRequests: unknown[];
                            identityClaims: unknown[];
                            consents: unknown[];
                            participations: unknown[];
                            participationEvents: unknown[];
                            claims: unknown[];
                            money: {
                                balances: unknown[];
                                shares: unknown[];
                                debits: unknown[];
                                topUps: unknown[];
                                withdrawals: unknown[];
                                payouts: unknown[];
                                mandates: unknown[];
                                disputes: unknown[];
                            } & {
                                [key: string]: unknown;
                            };
                            notifications: {
                                items: unknown[];
                                preferences: unknown[];
                            } & {
                                [key: string]: unknown;
                            };
                            votes: {
                                ballots: unknown[];
                                juries: unknown[];
                                comments: unknown[];
                                objections: unknown[];
                            } & {
                                [key: string]: unknown;
                            };
                            sessions: unknown[];
                            log: {
                                pseudonym: string;
                                entries: unknown[];
                                shareProofs: string[];
                            } & {
                                [key: string]: unknown;
                            };
                            staffReads: unknown[];
                            erasureRequests: unknown[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{memberId}/erasure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask for your personal data (or your dependant's) to be erased; staff decide */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            requestId: number;
                            memberId: number;
                            /** @enum {string} */
                            status: "requested" | "refused" | "erased";
                            requestedAt: string;
                            decidedAt: string | null;
                            reason: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operations/erasure-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Erasure requests of a status (default: waiting), each with what still blocks it */
        get: {
            parameters: {
                query?: {
                    status?: "requested" | "refused" | "erased";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                requestId: number;
                                memberId: number;
                                /** @enum {string} */
                                status: "requested" | "refused" | "erased";
                                requestedAt: string;
                                decidedAt: string | null;
                                reason: string | null;
                                blockers: string[];
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operations/erasure-requests/{requestId}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Erase now (admin), or refuse with the legal ground; in the audit trail */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    requestId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        erase: boolean;
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            requestId: number;
                            memberId: number;
                            /** @enum {string} */
                            status: "requested" | "refused" | "erased";
                            requestedAt: string;
                            decidedAt: string | null;
                            reason: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description problem+json (400) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (401) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (403) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (404) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
                /** @description problem+json (409) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type?: string;
                            title?: string;
                            status?: number;
                            detail?: string;
                            code?: string;
                            field?: string;
                            errors?: {
                                field?: string;
                                message?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
