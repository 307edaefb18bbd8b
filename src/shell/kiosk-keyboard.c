/* kiosk-keyboard.c — the keyboard shortcuts a resident may use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-keyboard"

#include "config.h"

#include "kiosk-keyboard.h"

/* Typing, moving around a form and editing it, text size, back, forward,
 * reload and home: everything else a keyboard can ask of GTK or WebKit
 * (new windows, files, saving, printing without the kiosk, the inspector,
 * full screen, closing) is refused before it reaches them.
 */

static gboolean
is_function_key (guint keyval)
{
  return keyval >= GDK_KEY_F1 && keyval <= GDK_KEY_F35;
}

/* Browser, mail, media and launcher keys of multimedia keyboards. */
static gboolean
is_vendor_key (guint keyval)
{
  return keyval >= 0x1008FF00 && keyval <= 0x1008FFFF;
}

static gboolean
control_shortcut_allowed (guint keyval)
{
  switch (gdk_keyval_to_lower (keyval))
    {
    /* Copy, cut, paste, select all, undo, redo. */
    case GDK_KEY_c:
    case GDK_KEY_x:
    case GDK_KEY_v:
    case GDK_KEY_a:
    case GDK_KEY_z:
    case GDK_KEY_y:
    /* Text size. */
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_minus:
    case GDK_KEY_KP_Add:
    case GDK_KEY_KP_Subtract:
    /* Moving and deleting by word or to the ends of a field. */
    case GDK_KEY_Left:
    case GDK_KEY_Right:
    case GDK_KEY_Up:
    case GDK_KEY_Down:
    case GDK_KEY_Home:
    case GDK_KEY_End:
    case GDK_KEY_BackSpace:
    case GDK_KEY_Delete:
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * kiosk_keyboard_allows:
 * @keyval: the key pressed
 * @modifiers: the modifiers held, less those the key itself consumed (so
 *   that AltGr+0 typing "@" on a French keyboard counts as plain typing)
 *
 * Returns: %TRUE if the key press may reach the kiosk and the page
 */
gboolean
kiosk_keyboard_allows (guint           keyval,
                       GdkModifierType modifiers)
{
  modifiers &= GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_HYPER_MASK |
               GDK_META_MASK | GDK_SHIFT_MASK;

  if (is_vendor_key (keyval))
    return FALSE;

  if ((modifiers & (GDK_SUPER_MASK | GDK_HYPER_MASK | GDK_META_MASK)) != 0)
    return FALSE;

  if (is_function_key (keyval))
    return keyval == GDK_KEY_F5 && (modifiers & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0;

  if ((modifiers & GDK_CONTROL_MASK) != 0)
    return (modifiers & GDK_ALT_MASK) == 0 && control_shortcut_allowed (keyval);

  if ((modifiers & GDK_ALT_MASK) != 0)
    return keyval == GDK_KEY_Left || keyval == GDK_KEY_Right || keyval == GDK_KEY_Home;

  return keyval != GDK_KEY_Print && keyval != GDK_KEY_Sys_Req;
}

/**
 * kiosk_keyboard_is_staff_chord:
 * @keyval: the key pressed
 * @modifiers: the modifiers held, as for kiosk_keyboard_allows()
 *
 * Ctrl+Alt+M ("médiateur") opens the staff panel. The chord is one that
 * kiosk_keyboard_allows() refuses, so that no page ever sees it, and that
 * typing cannot produce: AltGr, which French keyboards use for "@" or
 * "€", is not Ctrl+Alt once GTK has translated the key.
 *
 * Returns: %TRUE for the staff panel's chord
 */
gboolean
kiosk_keyboard_is_staff_chord (guint           keyval,
                               GdkModifierType modifiers)
{
  modifiers &= GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_HYPER_MASK |
               GDK_META_MASK | GDK_SHIFT_MASK;

  return (modifiers & ~GDK_SHIFT_MASK) == (GDK_CONTROL_MASK | GDK_ALT_MASK) &&
         gdk_keyval_to_lower (keyval) == GDK_KEY_m;
}
