/* kiosk-search.c — finding a service in a resident's own words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-search"

#include "config.h"

#include "kiosk-search.h"

#include "kiosk-localized.h"

#include <string.h>

/* A resident types what they call the démarche ("apl", "carte vitale",
 * "pole emploi"), with or without accents, often misspelled, in French
 * or in their language. A service answers when each word typed starts a
 * word of its name, keywords (Keywords=, where the catalogue puts the
 * words people say and their usual misspellings) or description, in any
 * language; the services are ranked so that the likeliest comes first:
 * a whole word before the start of one, a name before a keyword before a
 * description, the resident's language before the station's before the
 * others. Matching inside words ("apl" in a Turkish "aplikasyon") is
 * what made the wrong tile answer.
 */

/* Where a word was found, and how much it says about the service. */
typedef enum
{
  FIELD_NAME,
  FIELD_KEYWORD,
  FIELD_DESCRIPTION,
  N_FIELDS
} Field;

static const int whole_word_weight[N_FIELDS] = { 10, 8, 4 };
static const int word_start_weight[N_FIELDS] = { 8, 6, 3 };

/* Words that say nothing of a démarche; ignored unless they are all a
 * query holds.
 */
static const char * const filler_words[] = {
  "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "ma", "mes",
  "mon", "pour", "sur", "un", "une", "the", "of", "for", "my",
};

static gboolean
is_filler (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (filler_words); i++)
    {
      if (strcmp (word, filler_words[i]) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The words of @text, folded (no case, no accents), split wherever a
 * character is neither a letter nor a digit: "prime d'activité" gives
 * "prime", "d", "activite".
 */
static GPtrArray *
split_words (const char *text)
{
  g_autofree char *folded = kiosk_text_fold (text);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *start = NULL;

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean in_word = c != 0 && g_unichar_isalnum (c);

      if (in_word && start == NULL)
        start = p;
      else if (!in_word && start != NULL)
        {
          g_ptr_array_add (words, g_strndup (start, p - start));
          start = NULL;
        }
      if (c == 0)
        break;
    }

  return words;
}

/* How much the station's own values (Name=, untranslated: French on a
 * station) count beside the resident's language and the others.
 */
static int
language_factor (const char *locale,
                 const char *language)
{
  g_autofree char *base = g_strndup (locale, strcspn (locale, "_.@"));

  if (*locale == '\0')
    return g_strcmp0 (language, "fr") == 0 ? 3 : 2;
  return g_strcmp0 (base, language) == 0 ? 3 : 1;
}

/* The best weight of @word in one value of @field. */
static int
weigh_in_value (const char *word,
                const char *value,
                Field       field)
{
  g_autoptr(GPtrArray) words = split_words (value);
  gsize length = strlen (word);
  int best = 0;

  for (guint i = 0; i < words->len; i++)
    {
      const char *candidate = g_ptr_array_index (words, i);

      if (strcmp (candidate, word) == 0)
        return whole_word_weight[field];
      /* One letter starts too many words to mean one. */
      if (length >= 2 && g_str_has_prefix (candidate, word))
        best = word_start_weight[field];
    }

  return best;
}

static int
weigh_in_field (const char     *word,
                KioskLocalized *values,
                Field           field,
                const char     *language)
{
  GHashTableIter iter;
  gpointer locale, value;
  int best = 0;

  if (values == NULL)
    return 0;

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &locale, &value))
    best = MAX (best, weigh_in_value (word, value, field) * language_factor (locale, language));

  return best;
}

/* The service's score for @words, or 0 when a word is not found in it. */
static int
score_service (KioskService *service,
               GPtrArray    *words,
               const char   *language)
{
  int score = 0;

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      int best = weigh_in_value (word, kiosk_service_get_id (service), FIELD_NAME) * 2;

      best = MAX (best, weigh_in_field (word, kiosk_service_get_names (service), FIELD_NAME,
                                        language));
      best = MAX (best, weigh_in_field (word, kiosk_service_get_keywords (service),
                                        FIELD_KEYWORD, language));
      best = MAX (best, weigh_in_field (word, kiosk_service_get_descriptions (service),
                                        FIELD_DESCRIPTION, language));
      if (best == 0)
        return 0;
      score += best;
    }

  return score;
}

typedef struct
{
  KioskService *service;
  int           score;
  guint         position;
} Answer;

static int
compare_answers (gconstpointer a,
                 gconstpointer b)
{
  const Answer *first = a;
  const Answer *second = b;

  if (first->score != second->score)
    return first->score > second->score ? -1 : 1;
  return first->position < second->position ? -1 : 1;
}

/**
 * kiosk_search_services:
 * @services: (element-type KioskService): the services to search, in the
 *   order they are shown
 * @query: what a resident typed
 * @language: (nullable): the resident's language, like "fr" or "ar"
 *
 * Finds the services that answer @query, the likeliest first (ties keep
 * the order of @services). Every word of @query that is not a filler
 * ("de", "la", "mon"…) must start a word of a service's name, keywords
 * or description, in any language, whatever the case and the accents.
 * An empty query answers with every service.
 *
 * Returns: (transfer container) (element-type KioskService): the answers
 */
GPtrArray *
kiosk_search_services (GPtrArray  *services,
                       const char *query,
                       const char *language)
{
  g_autoptr(GPtrArray) typed = split_words (query);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  g_autoptr(GArray) answers = g_array_new (FALSE, FALSE, sizeof (Answer));
  GPtrArray *found = g_ptr_array_new ();

  g_return_val_if_fail (services != NULL, found);
  g_return_val_if_fail (query != NULL, found);

  for (guint i = 0; i < typed->len; i++)
    {
      if (!is_filler (g_ptr_array_index (typed, i)))
        g_ptr_array_add (words, g_ptr_array_index (typed, i));
    }
  if (words->len == 0)
    {
      for (guint i = 0; i < typed->len; i++)
        g_ptr_array_add (words, g_ptr_array_index (typed, i));
    }

  for (guint i = 0; i < services->len; i++)
    {
      Answer answer = { g_ptr_array_index (services, i), 0, i };

      answer.score = words->len == 0 ? 1 : score_service (answer.service, words, language);
      if (answer.score > 0)
        g_array_append_val (answers, answer);
    }

  g_array_sort (answers, compare_answers);
  for (guint i = 0; i < answers->len; i++)
    g_ptr_array_add (found, g_array_index (answers, Answer, i).service);

  return found;
}
