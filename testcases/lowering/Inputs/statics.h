/* Static functions defined in a header: lowered only when the unit uses
 * them (called, referenced, or annotated), for lowering/annotated.c. */
#include <lockwarden.h>

struct drv {
	int lock;
	int n;
};

static inline void called_helper(struct drv *d) { d->n = 1; }
static inline void unused_helper(struct drv *d) { d->n = 2; }
static inline void annotated_helper(struct drv *d) LW_NONBLOCKING;
static inline void annotated_helper(struct drv *d) { d->n = 3; }
static inline void table_helper(struct drv *d) { d->n = 4; }
static inline void pointer_helper(struct drv *d) { d->n = 5; }
