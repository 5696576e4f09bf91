#ifndef FLEETWATCH_CNCURSES_SHIM_H
#define FLEETWATCH_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <term.h>

/* Swift cannot see macros with arguments, the A_* attributes or the globals in Swift 6 mode. */
static inline WINDOW *fw_stdscr(void) { return stdscr; }
static inline int fw_lines(void) { return LINES; }
static inline int fw_cols(void) { return COLS; }
static inline int fw_colors(void) { return COLORS; }
static inline int fw_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t fw_a_normal(void) { return A_NORMAL; }
static inline attr_t fw_a_bold(void) { return A_BOLD; }
static inline attr_t fw_a_dim(void) { return A_DIM; }
static inline attr_t fw_a_underline(void) { return A_UNDERLINE; }
static inline attr_t fw_a_reverse(void) { return A_REVERSE; }
static inline int fw_key_resize(void) { return KEY_RESIZE; }
static inline int fw_key_code_yes(void) { return KEY_CODE_YES; }
static inline int fw_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int fw_getmaxx(WINDOW *w) { return getmaxx(w); }

#endif
