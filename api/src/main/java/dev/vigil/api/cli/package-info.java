/** The {@code vigil} command line: {@code serve}, {@code demo} and {@code import}. */
package dev.vigil.api.cli;
