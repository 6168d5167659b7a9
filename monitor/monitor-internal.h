/* What the monitor's files share; not for the rest of the emulator. */
#ifndef MONITOR_INTERNAL_H
#define MONITOR_INTERNAL_H

/* What `info version` and QMP's greeting say.  QEMU 7.2's command set is
 * what QMP clients see (query-version reports tern's own version in
 * "package"). */
#define TERN_VERSION_MAJOR 0
#define TERN_VERSION_MINOR 1
#define TERN_VERSION_MICRO 0
#define TERN_MONITOR_VERSION_STRING "tern 0.1.0"

#endif
