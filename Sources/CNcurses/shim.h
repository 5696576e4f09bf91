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

/* stdio streams for newterm (Swift 6 rejects the globals). */
static inline FILE *fw_stdin(void) { return stdin; }
static inline FILE *fw_stdout(void) { return stdout; }
/* tigetstr answers (char *)-1 for "not a string capability": fold that into NULL. */
static inline const char *fw_tigetstr(const char *name) {
    char *s = tigetstr(name);
    return (s == (char *)-1) ? NULL : s;
}
static inline int fw_err(void) { return ERR; }
static inline int fw_ok(void) { return OK; }
static inline int fw_key_f0(void) { return KEY_F0; }
/* One cell through the wide-character API: `ch` with attributes and an extended colour pair
 * (passed through setcchar's opts argument, so pairs above 32767 work). */
static inline int fw_put_cell(WINDOW *w, wchar_t ch, attr_t attrs, int pair) {
    cchar_t cc;
    wchar_t text[2] = { ch, 0 };
    if (setcchar(&cc, text, attrs, 0, &pair) == ERR) return ERR;
    return wadd_wch(w, &cc);
}

/* The mouse: the buttons fleetwatch asks for, and one pending event as the button (1 press,
 * 4 wheel up, 5 wheel down, 0 anything else) and the cell. */
static inline int fw_key_mouse(void) { return KEY_MOUSE; }
static inline mmask_t fw_mouse_mask(void) {
    return BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline int fw_get_mouse(int *button, int *x, int *y) {
    MEVENT e;
    if (getmouse(&e) != OK) return ERR;
    *button = (e.bstate & BUTTON1_PRESSED) ? 1 : (e.bstate & BUTTON4_PRESSED) ? 4 : (e.bstate & BUTTON5_PRESSED) ? 5 : 0;
    *x = e.x;
    *y = e.y;
    return OK;
}

#endif
