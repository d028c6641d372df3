/**
 * What every capability shares: the API envelope and error model, paging, ids, the clock and
 * the database wiring. An open module: every other module may use all of it.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.crier.shared;
