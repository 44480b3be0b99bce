/** HTTP handlers, one small class per route family, and the router that wires them ({@link dev.vigil.api.http.HttpApi}). */
package dev.vigil.api.http;
