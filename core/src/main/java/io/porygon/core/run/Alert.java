package io.porygon.core.run;

/**
 * An action whose rows or time in a run fall far outside what its recent runs did: not an error, a sign that
 * the data or the warehouse changed (an empty load, a join that multiplies rows, a slow query).
 *
 * @param action the action's display name
 * @param message what was seen, against what the recent runs did
 */
public record Alert(String action, String message) {}
