/* kiosk-window-voice.c — "Listen": the window reads its screen, or the page, aloud
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For residents who read little: on the kiosk's own screens the voice says
 * what the screen says, in the resident's language; on a service's page,
 * the text the resident selected, or else the page's main text, in the
 * page's language (French, for the sites of public services), with the
 * sentence heard marked over it (kiosk-reading-ruler.c). It stops at a
 * second tap, when the page read or the screen changes, when a popup
 * comes over it or goes, when any question comes (the idle one too) and
 * when the session ends. Nothing read is kept; the
 * session counts that it listened, once per language
 * (kiosk_session_manager_count_read_aloud()). The button shows only on a
 * station with a sound device, which is looked for off the main thread.
 */
#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include "kiosk-window-private.h"
#include "kiosk-window-testing.h"

#include "kiosk-language.h"

#include <glib/gi18n.h>
#include <string.h>

/* The kiosk's own script world: the page can neither see its variables
 * nor call it (kiosk-user-session-resources.c uses the same).
 */
#define READING_WORLD "kiosk"
/* What the kiosk's world tells of the sentence heard on the screen. */
#define RULER_MESSAGES "kioskReadingRuler"

/* In the kiosk's world, where the page can neither see nor call it:
 * where the resident last touched the page, since reading starts there;
 * and where the sentence heard is on the screen, sent to the kiosk
 * (RULER_MESSAGES) when it changes and whenever the page or a part of it
 * scrolls, to be marked over the page (kiosk-reading-ruler.c). Nothing
 * is added to the page: the only thing the page may notice is a scroll,
 * when the sentence heard is out of sight, as a resident's own would be.
 */
static const char page_script[] =
  "document.addEventListener ('pointerdown', function (event) {"
  "  window.kioskTapped = event.target;"
  "}, true);"
  "(function () {"
  "  var waiting = false;"
  "  function send () {"
  "    var boxes = [];"
  "    var rects = window.kioskShown ? window.kioskShown.getClientRects () : [];"
  "    waiting = false;"
  "    for (var i = 0; i < rects.length && boxes.length < 4 * 64; i++) {"
  "      if (rects[i].width > 0 && rects[i].height > 0)"
  "        boxes.push (rects[i].left, rects[i].top, rects[i].width, rects[i].height);"
  "    }"
  "    window.webkit.messageHandlers." RULER_MESSAGES ".postMessage (boxes);"
  "  }"
  "  function follow () {"
  "    if (window.kioskShown && !waiting) {"
  "      waiting = true;"
  "      requestAnimationFrame (send);"
  "    }"
  "  }"
  "  addEventListener ('scroll', follow, { capture: true, passive: true });"
  "  addEventListener ('resize', follow, { passive: true });"
  /* A piece of text the page changed since it was read is not marked. */
  "  function unchanged (piece) {"
  "    return piece.node.isConnected &&"
  "           piece.node.data.substr (piece.from, piece.length).replace (/\\s/g, ' ') ==="
  "             piece.words;"
  "  }"
  "  function find (start, end) {"
  "    var reading = window.kioskReading || [];"
  "    var first = null, last = null;"
  "    for (var i = 0; i < reading.length; i++) {"
  "      var piece = reading[i];"
  "      if (piece.start + piece.length <= start) continue;"
  "      if (piece.start >= end) break;"
  "      first = first || piece;"
  "      last = piece;"
  "    }"
  "    if (!first || !unchanged (first) || !unchanged (last))"
  "      return null;"
  "    var range = document.createRange ();"
  "    range.setStart (first.node, first.from + Math.max (0, start - first.start));"
  "    range.setEnd (last.node, last.from + Math.min (last.length, end - last.start));"
  "    return range;"
  "  }"
  /* Out of sight: brought to the middle, or a third down when its
   * element is taller than half the screen.
   */
  "  window.kioskShowSentence = function (start, end) {"
  "    var range = window.kioskShown = find (start, end);"
  "    if (range) {"
  "      var box = range.getBoundingClientRect ();"
  "      var element = range.startContainer.parentElement;"
  "      if (box.top < 0 || box.bottom > window.innerHeight) {"
  "        if (element.getBoundingClientRect ().height < window.innerHeight / 2)"
  "          element.scrollIntoView ({ block: 'center' });"
  "        else"
  "          window.scrollBy (0, box.top - window.innerHeight / 3);"
  "      }"
  "    }"
  "    send ();"
  "    return range !== null;"
  "  };"
  "  window.kioskHideSentence = function () {"
  "    window.kioskReading = null;"
  "    window.kioskShown = null;"
  "  };"
  "}) ();";
#define PAGE_SCRIPT_KEY "kiosk-reading-script"

/* What a page gives to be read: the selection; or its main text, from
 * where the resident last touched it if that is in it, else from its
 * top; and its language. The text is built from the page's text nodes,
 * as they show (a blank line between blocks, which ends a sentence for
 * eSpeak NG; spaces as spaces), and each node's place in it is kept in
 * the kiosk's world, to show the sentence heard. A page of hundreds of
 * thousands of hidden nodes is read as far as 200 000 of them. Run in
 * the kiosk's world, it reads the page's document and changes nothing
 * of it.
 */
static const char reading_script[] =
  "(function () {"
  "  var limit = 65536;"
  "  var root = document.querySelector ('main, [role=main]') || document.body;"
  "  var selection = window.getSelection ();"
  "  var tapped = window.kioskTapped;"
  "  var range = document.createRange ();"
  "  var language = document.documentElement.lang || '';"
  "  var selected = String (selection);"
  "  if (selected.trim () !== '') {"
  "    range = selection.getRangeAt (0);"
  "  } else if (root && tapped && tapped !== root && root.contains (tapped)) {"
  "    range.setStartBefore (tapped);"
  "    range.setEnd (root, root.childNodes.length);"
  "  } else if (root) {"
  "    range.selectNodeContents (root);"
  "  } else {"
  "    return { text: '', language: language };"
  "  }"
  "  var blocks = new Map ();"
  "  function blockOf (element) {"
  "    if (!blocks.has (element)) {"
  "      var display = getComputedStyle (element).display;"
  "      var inline = display.startsWith ('inline') || display === 'contents';"
  "      blocks.set (element, inline && element.parentElement"
  "                             ? blockOf (element.parentElement) : element);"
  "    }"
  "    return blocks.get (element);"
  "  }"
  "  function shown (element) {"
  "    if (element.closest ('script, style, noscript, template, textarea, select, datalist,'"
  "                          + ' [aria-hidden=true]'))"
  "      return false;"
  "    return element.checkVisibility ? element.checkVisibility ({ visibilityProperty: true })"
  "                                   : element.getClientRects ().length > 0;"
  "  }"
  "  var container = range.commonAncestorContainer;"
  "  var walker = document.createTreeWalker (container,"
  "                                          NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);"
  "  var node = container.nodeType === Node.TEXT_NODE ? container : walker.nextNode ();"
  "  var text = '', pieces = [], lastBlock = null, lineBreak = false, space = false;"
  "  for (var seen = 0; node && text.length < limit && seen < 200000;"
  "       node = walker.nextNode (), seen++) {"
  "    if (node.nodeType === Node.ELEMENT_NODE) {"
  "      lineBreak = lineBreak || node.localName === 'br';"
  "      continue;"
  "    }"
  "    var parent = node.parentElement;"
  "    if (!parent || !range.intersectsNode (node) || !shown (parent))"
  "      continue;"
  "    var from = node === range.startContainer ? range.startOffset : 0;"
  "    var to = node === range.endContainer ? range.endOffset : node.data.length;"
  "    var words = node.data.slice (from, to).replace (/\\s/g, ' ');"
  "    if (words.trim () === '') {"
  "      space = true;"
  "      continue;"
  "    }"
  "    var block = blockOf (parent);"
  "    if (text !== '') {"
  "      if (block !== lastBlock)"
  "        text += '\\n\\n';"
  "      else if (lineBreak)"
  "        text += '\\n';"
  "      else if (space)"
  "        text += ' ';"
  "    }"
  "    pieces.push ({ node: node, from: from, start: text.length, length: words.length,"
  "                   words: words });"
  "    text += words;"
  "    lastBlock = block;"
  "    lineBreak = false;"
  "    space = false;"
  "  }"
  "  window.kioskReading = pieces;"
  /* Selected in a form's field: its text, with nothing to mark. */
  "  if (text === '' && selected.trim () !== '') {"
  "    window.kioskReading = null;"
  "    text = selected;"
  "  }"
  "  return { text: text.slice (0, limit), language: language };"
  "}) ()";

static void
update_listen_button (KioskWindow *self)
{
  gboolean speaking = self->voice != NULL && kiosk_voice_get_speaking (self->voice);

  gtk_image_set_from_icon_name (self->listen_icon, speaking ? "media-playback-stop-symbolic"
                                                            : "audio-volume-high-symbolic");
  kiosk_wrap_label_set_label (self->listen_label,
                              /* TRANSLATORS: the button that stops the voice reading aloud */
                              speaking ? C_("voice", "Stop") : _("Listen"));
  gtk_revealer_set_reveal_child (self->voice_revealer, speaking);
  kiosk_window_update_actions (self);
}

static void
run_in_reading_world (WebKitWebView *web_view,
                      const char    *script)
{
  webkit_web_view_evaluate_javascript (web_view, script, -1, READING_WORLD, NULL, NULL, NULL,
                                       NULL);
}

/* The page read aloud goes elsewhere, or changes by script: what was
 * read is no longer what is shown.
 */
static void
read_page_changed_cb (WebKitWebView *web_view,
                      GParamSpec    *pspec,
                      KioskWindow   *self)
{
  kiosk_window_stop_voice (self);
}

static void
read_page_load_changed_cb (WebKitWebView   *web_view,
                           WebKitLoadEvent  load_event,
                           KioskWindow     *self)
{
  /* Reloaded too. */
  if (load_event == WEBKIT_LOAD_STARTED)
    kiosk_window_stop_voice (self);
}

/* The page read aloud, in the session's view or a popup, until it is
 * silent.
 */
static void
follow_read_view (KioskWindow   *self,
                  WebKitWebView *web_view)
{
  g_set_weak_pointer (&self->read_view, web_view);
  g_signal_connect_object (web_view, "notify::uri", G_CALLBACK (read_page_changed_cb), self, 0);
  g_signal_connect_object (web_view, "load-changed", G_CALLBACK (read_page_load_changed_cb),
                           self, 0);
}

/* Nothing shows as read any more. */
static void
leave_read_view (KioskWindow *self)
{
  if (self->read_view == NULL)
    return;

  g_signal_handlers_disconnect_by_func (self->read_view, read_page_changed_cb, self);
  g_signal_handlers_disconnect_by_func (self->read_view, read_page_load_changed_cb, self);
  run_in_reading_world (self->read_view, "window.kioskHideSentence ()");
  g_clear_weak_pointer (&self->read_view);
  kiosk_reading_ruler_hide (self->reading_ruler);
}

static void
speaking_changed_cb (KioskVoice  *voice,
                     GParamSpec  *pspec,
                     KioskWindow *self)
{
  if (!kiosk_voice_get_speaking (voice))
    leave_read_view (self);
  update_listen_button (self);
}

/* The voice counts characters; the page's script, UTF-16 code units. */
static guint
utf16_offset (const char *text,
              guint       characters)
{
  guint units = 0;

  for (const char *p = text; *p != '\0' && characters > 0; p = g_utf8_next_char (p), characters--)
    units += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;
  return units;
}

static void
sentence_heard_cb (KioskVoice  *voice,
                   guint        start,
                   guint        end,
                   KioskWindow *self)
{
  const char *text = kiosk_voice_get_text (voice, NULL);
  g_autofree char *script = NULL;

  if (self->read_view == NULL || text == NULL)
    return;

  script = g_strdup_printf ("window.kioskShowSentence (%u, %u)", utf16_offset (text, start),
                            utf16_offset (text, end));
  run_in_reading_world (self->read_view, script);
}

/* Visible labels, in the order of the widget tree: what a reader of the
 * screen would read, top to bottom.
 */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  /* What a screen marks as not for the resident's ears: the small print
   * for staff (why the station is out of service), the list of languages,
   * each in its own, which another language's voice cannot say.
   */
  if (!gtk_widget_get_mapped (widget) || gtk_widget_has_css_class (widget, "not-read-aloud"))
    return;

  if (GTK_IS_LABEL (widget))
    {
      g_autofree char *line = g_strstrip (g_strdup (gtk_label_get_text (GTK_LABEL (widget))));

      if (*line != '\0')
        {
          g_string_append (text, line);
          /* A pause between a title and what follows. */
          if (!g_unichar_ispunct (g_utf8_get_char (g_utf8_prev_char (line + strlen (line)))))
            g_string_append_c (text, '.');
          g_string_append_c (text, '\n');
        }
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static GtkWidget *
visible_question (KioskWindow *self)
{
  switch (kiosk_window_get_visible_question (self))
    {
    case KIOSK_WINDOW_QUESTION_IDLE:
      return GTK_WIDGET (self->idle_question);
    case KIOSK_WINDOW_QUESTION_END_SESSION:
      return GTK_WIDGET (self->end_question);
    case KIOSK_WINDOW_QUESTION_SIGN_IN:
      return GTK_WIDGET (self->sign_in_question);
    case KIOSK_WINDOW_QUESTION_UPLOAD:
      return GTK_WIDGET (self->upload_chooser);
    case KIOSK_WINDOW_QUESTION_PRINT:
      return GTK_WIDGET (self->print_flow);
    case KIOSK_WINDOW_QUESTION_SURVEY:
      return GTK_WIDGET (self->survey);
    case KIOSK_WINDOW_QUESTION_STAFF:
    case KIOSK_WINDOW_QUESTION_NONE:
    default:
      return NULL;
    }
}

/* What the kiosk's own screen says: the question over it, or the page
 * shown (not a service's page, which WebKit draws).
 */
static char *
get_screen_text (KioskWindow *self)
{
  GtkWidget *question = visible_question (self);
  GString *text = g_string_new (NULL);

  collect_text (question != NULL ? question : gtk_stack_get_visible_child (self->stack), text);
  return g_string_free (text, FALSE);
}

static void
speak (KioskWindow *self,
       const char  *text,
       const char  *language)
{
  if (self->voice == NULL || text == NULL || *text == '\0')
    return;

  if (self->user_session != NULL)
    kiosk_voice_set_speed (self->voice,
                           kiosk_user_session_get_reading_speed (self->user_session));
  if (self->manager != NULL)
    kiosk_session_manager_count_read_aloud (self->manager, language);
  kiosk_voice_speak (self->voice, text, language);
}

/* "fr-FR" → "fr". Only a language of the kiosk's (kiosk-language.c) goes
 * further: a page's lang attribute is the page's to write, and becomes a
 * voice's file name and a count. Any other, or none, is read in French.
 */
static const char *
voice_language (const char *page_language)
{
  g_autofree char *primary = g_ascii_strdown (page_language, strcspn (page_language, "-_"));
  const KioskLanguage *language = kiosk_language_lookup (primary);

  return language != NULL ? language->code : "fr";
}

static void
page_text_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KioskWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(JSCValue) text = NULL;
  g_autoptr(JSCValue) language = NULL;
  g_autofree char *text_string = NULL;
  g_autofree char *language_string = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, &error);
  /* Stopped before the page answered (a second tap, another page, a
   * question): nothing to say.
   */
  if (!self->reading_page)
    return;
  self->reading_page = FALSE;
  if (value == NULL || !jsc_value_is_object (value))
    {
      g_debug ("The page gave nothing to read: %s", error != NULL ? error->message : "?");
      leave_read_view (self);
      return;
    }

  text = jsc_value_object_get_property (value, "text");
  language = jsc_value_object_get_property (value, "language");
  text_string = jsc_value_to_string (text);
  language_string = jsc_value_to_string (language);
  if (text_string == NULL || *text_string == '\0')
    {
      leave_read_view (self);
      return;
    }
  speak (self, text_string, voice_language (language_string));
}

static void
listen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KioskWindow *self = KIOSK_WINDOW (widget);

  if (self->voice == NULL)
    return;

  if (kiosk_voice_get_speaking (self->voice) || self->reading_page)
    {
      kiosk_window_stop_voice (self);
      return;
    }

  if (self->manager != NULL)
    kiosk_session_manager_note_activity (self->manager);

  /* A service's page, with no question of the kiosk's over it. */
  if (self->user_session != NULL &&
      kiosk_window_get_visible_page (self) == KIOSK_WINDOW_PAGE_BROWSER &&
      visible_question (self) == NULL)
    {
      /* Followed from now: a page that goes elsewhere before it answers
       * stops it (kiosk_window_stop_voice()).
       */
      leave_read_view (self);
      follow_read_view (self, kiosk_user_session_get_front_view (self->user_session));
      self->reading_page = TRUE;
      webkit_web_view_evaluate_javascript (self->read_view, reading_script, -1, READING_WORLD,
                                           NULL, NULL, page_text_cb, g_object_ref (self));
      return;
    }

  {
    g_autofree char *text = get_screen_text (self);

    /* The kiosk's own screen: nothing to show on a page. */
    leave_read_view (self);
    speak (self, text, kiosk_language_get_current ());
  }
}

static void
change_speed (KioskWindow *self,
              int          steps)
{
  int speed;

  if (self->voice == NULL || self->user_session == NULL)
    return;

  speed = CLAMP ((int) kiosk_user_session_get_reading_speed (self->user_session) + steps, 0,
                 KIOSK_VOICE_N_SPEEDS - 1);
  kiosk_user_session_set_reading_speed (self->user_session, speed);
  kiosk_voice_set_speed (self->voice, speed);
  kiosk_window_update_actions (self);

  /* Heard at once: what was being read starts again at the new speed. */
  if (kiosk_voice_get_speaking (self->voice))
    {
      const char *language = NULL;
      g_autofree char *text = g_strdup (kiosk_voice_get_text (self->voice, &language));
      g_autofree char *same_language = g_strdup (language);

      kiosk_voice_speak (self->voice, text, same_language);
    }
}

static void
listen_slower_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  change_speed (KIOSK_WINDOW (widget), -1);
}

static void
listen_faster_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  change_speed (KIOSK_WINDOW (widget), 1);
}

/**
 * kiosk_window_stop_voice:
 * @self: a #KioskWindow
 *
 * Silence, at once: the page or the screen changed, a question came, the
 * session ends.
 */
void
kiosk_window_stop_voice (KioskWindow *self)
{
  self->reading_page = FALSE;
  if (self->voice != NULL)
    kiosk_voice_stop (self->voice);
  leave_read_view (self);
}

static void
question_shown_cb (GtkWidget   *question,
                   GParamSpec  *pspec,
                   KioskWindow *self)
{
  /* A question over the screen: the resident has something else to do,
   * and may listen to the question itself.
   */
  kiosk_window_stop_voice (self);
}

/* Where the sentence heard is, line by line, in the page's CSS pixels
 * from the top left of what it shows: four numbers a line.
 */
static void
sentence_boxes_cb (WebKitUserContentManager *manager,
                   JSCValue                 *boxes,
                   KioskWindow              *self)
{
  g_autoptr(JSCValue) length = NULL;
  graphene_rect_t rects[64];
  guint n_rects = 0;
  double zoom;

  if (self->read_view == NULL || self->voice == NULL || !kiosk_voice_get_speaking (self->voice))
    return;
  if (!jsc_value_is_array (boxes))
    {
      kiosk_reading_ruler_hide (self->reading_ruler);
      return;
    }

  /* The page is zoomed by the text size: its pixels are that many of ours. */
  zoom = webkit_web_view_get_zoom_level (self->read_view);
  length = jsc_value_object_get_property (boxes, "length");
  for (guint i = 0; i + 3 < (guint) jsc_value_to_int32 (length) && n_rects < G_N_ELEMENTS (rects);
       i += 4)
    {
      double values[4];

      for (guint v = 0; v < 4; v++)
        {
          g_autoptr(JSCValue) number = jsc_value_object_get_property_at_index (boxes, i + v);

          values[v] = jsc_value_to_double (number) * zoom;
        }
      graphene_rect_init (&rects[n_rects++], values[0], values[1], values[2], values[3]);
    }

  kiosk_reading_ruler_show (self->reading_ruler, GTK_WIDGET (self->read_view), rects, n_rects);
}

/**
 * kiosk_window_follow_voice:
 * @self: a #KioskWindow
 * @user_session: the session that starts
 *
 * Puts in the session's pages what reading them aloud needs, and follows
 * where the sentence heard is.
 */
void
kiosk_window_follow_voice (KioskWindow      *self,
                           KioskUserSession *user_session)
{
  WebKitWebView *web_view = kiosk_user_session_get_web_view (user_session);
  WebKitUserContentManager *manager = webkit_web_view_get_user_content_manager (web_view);

  /* Once a session: a window built again for a new language follows the
   * same one.
   */
  if (g_object_get_data (G_OBJECT (manager), PAGE_SCRIPT_KEY) == NULL)
    {
      g_autoptr(WebKitUserScript) script =
        webkit_user_script_new_for_world (page_script, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                          WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                          READING_WORLD, NULL, NULL);

      webkit_user_content_manager_add_script (manager, script);
      /* Only the kiosk's world can send it: the page has no such handler. */
      if (!webkit_user_content_manager_register_script_message_handler (manager, RULER_MESSAGES,
                                                                        READING_WORLD))
        g_return_if_reached ();
      g_object_set_data (G_OBJECT (manager), PAGE_SCRIPT_KEY, GINT_TO_POINTER (TRUE));
    }
  g_signal_connect_object (manager, "script-message-received::" RULER_MESSAGES,
                           G_CALLBACK (sentence_boxes_cb), self, 0);
}

/**
 * kiosk_window_voice_update_actions:
 * @self: a #KioskWindow
 *
 * Slower and faster only as far as the speeds go.
 */
void
kiosk_window_voice_update_actions (KioskWindow *self)
{
  guint speed = self->user_session != NULL
                ? kiosk_user_session_get_reading_speed (self->user_session)
                : KIOSK_VOICE_DEFAULT_SPEED;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.listen", self->voice != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.listen-slower",
                                 self->voice != NULL && speed > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.listen-faster",
                                 self->voice != NULL && speed + 1 < KIOSK_VOICE_N_SPEEDS);
}

static int
toolbar_needs (KioskWindow *self)
{
  int needed = 0;

  gtk_widget_measure (self->toolbar, GTK_ORIENTATION_HORIZONTAL, -1, &needed, NULL, NULL, NULL);
  return needed;
}

/* Listen shows once there is a voice. Beside a service's buttons, a
 * screen of 1024 pixels has room for it in the longer languages only
 * without the page's title, which is then already cut to a letter: the
 * title goes first. Where even that is not enough, Listen goes, never
 * another button.
 */
static void
place_listen_button (KioskWindow *self,
                     int          width)
{
  /* A window on its way out has no toolbar any more. */
  if (self->listen_button == NULL || self->toolbar == NULL)
    return;

  gtk_widget_set_visible (self->listen_button, self->voice != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), TRUE);
  if (self->voice == NULL || width <= 0 || toolbar_needs (self) <= width)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->title_label), FALSE);
  if (toolbar_needs (self) <= width)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->title_label), TRUE);
  gtk_widget_set_visible (self->listen_button, FALSE);
}

void
kiosk_window_place_listen_button (KioskWindow *self)
{
  place_listen_button (self, gtk_widget_get_width (GTK_WIDGET (self)));
}

/* The size it is given, before it is laid out in it. */
static void
window_resized_cb (GtkWidget   *widget,
                   GParamSpec  *pspec,
                   KioskWindow *self)
{
  int width = 0;
  int height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  place_listen_button (self, width > 0 ? width : gtk_widget_get_width (widget));
}

static void
sound_found_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GWeakRef *window_ref = user_data;
  g_autoptr(KioskWindow) self = g_weak_ref_get (window_ref);

  g_weak_ref_clear (window_ref);
  g_free (window_ref);

  /* A window gone meanwhile (a new language builds another). */
  if (self == NULL || self->listen_button == NULL)
    return;

  self->looked_for_sound = TRUE;
  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    {
      g_debug ("No sound device: no voice");
      return;
    }

  self->voice = kiosk_voice_new ();
  g_signal_connect_object (self->voice, "notify::speaking", G_CALLBACK (speaking_changed_cb),
                           self, 0);
  g_signal_connect_object (self->voice, "sentence", G_CALLBACK (sentence_heard_cb), self, 0);
  g_signal_connect_object (self, "notify::default-width", G_CALLBACK (window_resized_cb), self,
                           0);
  {
    GtkWidget *questions[] = {
      GTK_WIDGET (self->idle_question), GTK_WIDGET (self->end_question),
      GTK_WIDGET (self->sign_in_question), GTK_WIDGET (self->upload_chooser),
      GTK_WIDGET (self->print_flow), GTK_WIDGET (self->survey), GTK_WIDGET (self->staff_panel),
    };

    for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
      g_signal_connect_object (questions[i], "notify::visible", G_CALLBACK (question_shown_cb),
                               self, 0);
  }
  /* The farewell and out of service show it alone. */
  gtk_widget_set_visible (self->toolbar, TRUE);
  kiosk_window_place_listen_button (self);
  update_listen_button (self);
}

static void
find_sound_in_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_task_return_boolean (task, kiosk_voice_can_speak ());
}

/**
 * kiosk_window_init_voice:
 * @self: a #KioskWindow
 *
 * Looks for a sound device, off the main thread: the button shows once
 * one is found.
 */
void
kiosk_window_init_voice (KioskWindow *self)
{
  /* Not the task's source: its last reference may go in the thread, and
   * a window must only ever be finalized on the main thread.
   */
  GWeakRef *window_ref = g_new0 (GWeakRef, 1);
  g_autoptr(GTask) task = NULL;

  g_weak_ref_init (window_ref, self);
  task = g_task_new (NULL, NULL, sound_found_cb, window_ref);

  g_task_run_in_thread (task, find_sound_in_thread);
}

/**
 * kiosk_window_class_add_voice_actions:
 * @widget_class: the window's class
 */
void
kiosk_window_class_add_voice_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.listen", NULL, listen_action);
  gtk_widget_class_install_action (widget_class, "win.listen-slower", NULL,
                                   listen_slower_action);
  gtk_widget_class_install_action (widget_class, "win.listen-faster", NULL,
                                   listen_faster_action);
}

/**
 * kiosk_window_has_looked_for_sound:
 * @self: a #KioskWindow
 *
 * Returns: whether the window knows if the station has a sound device
 */
gboolean
kiosk_window_has_looked_for_sound (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), FALSE);

  return self->looked_for_sound;
}

/**
 * kiosk_window_get_voice:
 * @self: a #KioskWindow
 *
 * Returns: (transfer none) (nullable): the voice, once a sound device was
 *   found
 */
KioskVoice *
kiosk_window_get_voice (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);

  return self->voice;
}
