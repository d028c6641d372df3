// The public /v1 API through the session: the server relays /app/api/v1 with the session's key.

export const session = { csrfHeader: null, csrfToken: null, workspace: null };

export class ApiError extends Error {
    constructor(status, body) {
        super(body?.error?.message || `HTTP ${status}`);
        this.status = status;
        this.code = body?.error?.code;
        this.details = body?.error?.details || [];
    }
}

export async function call(method, url, body, headers = {}) {
    const init = { method, headers: { ...headers }, credentials: 'same-origin' };
    if (method !== 'GET') init.headers[session.csrfHeader] = session.csrfToken;
    if (body instanceof FormData || typeof body === 'string') init.body = body;
    else if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    const json = await response.json().catch(() => null);
    if (response.status === 401 && !url.startsWith('/app/session')) {
        location.hash = '#/sign-in';
        throw new ApiError(401, json);
    }
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
}
export const api = {
    get: path => call('GET', '/app/api/v1' + path).then(r => r.data),
    post: (path, body) => call('POST', '/app/api/v1' + path, body ?? {}).then(r => r.data),
    patch: (path, body) => call('PATCH', '/app/api/v1' + path, body).then(r => r.data),
    del: (path, body) => call('DELETE', '/app/api/v1' + path, body).then(r => r.data),
};

export async function loadSession() {
    const state = (await call('GET', '/app/session')).data;
    Object.assign(session, state);
    return state;
}
