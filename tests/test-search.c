/* test-search.c — finding a service of the default catalogue in a resident's own words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kiosk-test"

#include "config.h"

#include "kiosk-config.h"
#include "kiosk-search.h"
#include "test-utils.h"

/* What residents type, as médiateurs hear it at the desk (with their
 * usual spellings), and the tile that must come first on the default
 * catalogue. The language is the one the resident chose on the home
 * screen.
 */
static const struct
{
  const char *query;
  const char *language;
  const char *first;
} queries[] = {
  /* Family, housing, minimum income. */
  { "RSA", "fr", "caf" },
  { "rsa", "fr", "caf" },
  { "apl", "fr", "caf" },
  { "APL", "ar", "caf" },
  { "aide au logement", "fr", "caf" },
  { "aide logement", "fr", "caf" },
  { "prime d'activité", "fr", "caf" },
  { "prime activite", "fr", "caf" },
  { "Prime d’ACTIVITE", "fr", "caf" },
  { "allocations familiales", "fr", "caf" },
  { "alloc", "fr", "caf" },
  { "caf", "fr", "caf" },
  { "CAF", "tr", "caf" },
  { "aah", "fr", "caf" },
  { "rentrée scolaire", "fr", "caf" },
  { "simulateur aides", "fr", "mesdroitssociaux" },
  { "mes droits", "fr", "mesdroitssociaux" },
  /* Health. */
  { "carte vitale", "fr", "ameli" },
  { "carte vital", "fr", "ameli" },
  { "secu", "fr", "ameli" },
  { "sécurité sociale", "fr", "ameli" },
  { "remboursement", "fr", "ameli" },
  { "arret maladie", "fr", "ameli" },
  { "mutuelle", "fr", "ameli" },
  { "ameli", "fr", "ameli" },
  { "amelie", "fr", "ameli" },
  { "cpam", "fr", "ameli" },
  { "msa", "fr", "msa" },
  { "agriculteur", "fr", "msa" },
  /* Taxes. */
  { "impots", "fr", "impots" },
  { "impôt", "fr", "impots" },
  { "inpots", "fr", "impots" },
  { "declaration revenus", "fr", "impots" },
  { "déclaration de revenus", "fr", "impots" },
  { "declaration impots", "fr", "impots" },
  { "avis d'imposition", "fr", "impots" },
  { "taxe fonciere", "fr", "impots" },
  { "prélèvement à la source", "fr", "impots" },
  /* Work. */
  { "pole emploi", "fr", "france-travail" },
  { "Pôle Emploi", "fr", "france-travail" },
  { "chomage", "fr", "france-travail" },
  { "chômage", "fr", "france-travail" },
  { "actualisation", "fr", "france-travail" },
  { "france travail", "fr", "france-travail" },
  { "offres d'emploi", "fr", "france-travail" },
  { "alternance", "fr", "1jeune1solution" },
  { "apprentissage", "fr", "1jeune1solution" },
  /* Papers. */
  { "permis de conduire", "fr", "ants" },
  { "permis", "fr", "ants" },
  { "carte grise", "fr", "ants" },
  { "passeport", "fr", "ants" },
  { "carte d'identité", "fr", "ants" },
  { "cni", "fr", "ants" },
  { "immatriculation", "fr", "ants" },
  { "acte de naissance", "fr", "service-public" },
  { "casier judiciaire", "fr", "service-public" },
  { "colis", "fr", "la-poste" },
  { "lettre recommandée", "fr", "la-poste" },
  { "recommande", "fr", "la-poste" },
  { "mairie", "fr", "ville-bordeaux" },
  { "cantine", "fr", "ville-bordeaux" },
  { "état civil", "fr", "ville-bordeaux" },
  /* Retirement. */
  { "retraite", "fr", "info-retraite" },
  { "relevé de carrière", "fr", "info-retraite" },
  { "carsat", "fr", "assurance-retraite" },
  { "minimum vieillesse", "fr", "assurance-retraite" },
  /* Transport, energy, housing. */
  { "train", "fr", "sncf-connect" },
  { "billet de train", "fr", "sncf-connect" },
  { "sncf", "fr", "sncf-connect" },
  { "tram", "fr", "tbm" },
  { "bus", "fr", "tbm" },
  { "facture electricite", "fr", "edf" },
  { "électricité", "fr", "edf" },
  { "linky", "fr", "edf" },
  { "cheque energie", "fr", "cheque-energie" },
  { "poubelles", "fr", "bordeaux-metropole" },
  { "encombrants", "fr", "bordeaux-metropole" },
  /* Other languages, as residents type them. */
  { "جواز السفر", "ar", "ants" },
  { "passport", "en", "ants" },
  { "pasaporte", "es", "ants" },
  { "emprego", "pt", "france-travail" },
};

/* Nothing answers these: the home screen says so. */
static const char * const no_answer[] = {
  "piscine municipale",
  "zzz",
  "apl impots",
};

static KioskConfig *
load_default_catalogue (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("KIOSK_SOURCE_DIR"), "data", "kiosk.conf",
                                            NULL);
  g_autoptr(GError) error = NULL;
  KioskConfig *config = kiosk_config_load (path, &error);

  g_assert_no_error (error);
  return config;
}

static void
test_residents_words_find_the_service (void)
{
  g_autoptr(KioskConfig) config = load_default_catalogue ();
  GPtrArray *services = kiosk_config_get_services (config);
  guint failures = 0;

  g_assert_cmpuint (G_N_ELEMENTS (queries), >=, 60);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) found = kiosk_search_services (services, queries[i].query,
                                                          queries[i].language);
      const char *first = found->len > 0 ? kiosk_service_get_id (g_ptr_array_index (found, 0))
                                         : "(nothing)";

      if (g_strcmp0 (first, queries[i].first) != 0)
        {
          g_test_message ("“%s” (%s): %s first, not %s", queries[i].query, queries[i].language,
                          first, queries[i].first);
          failures++;
        }
    }

  g_assert_cmpuint (failures, ==, 0);
}

static void
test_no_answer (void)
{
  g_autoptr(KioskConfig) config = load_default_catalogue ();
  GPtrArray *services = kiosk_config_get_services (config);

  for (guint i = 0; i < G_N_ELEMENTS (no_answer); i++)
    {
      g_autoptr(GPtrArray) found = kiosk_search_services (services, no_answer[i], "fr");

      g_test_message ("%s", no_answer[i]);
      g_assert_cmpuint (found->len, ==, 0);
    }
}

/* Matching is from the start of words: "apl" no longer answers with a
 * service whose description holds a word that merely contains it.
 */
static void
test_matching_is_from_word_starts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kiosk_test_write_file ("words.conf",
                                                  "[Kiosk]\nStationId=gare-03\n\n"
                                                  "[Service caf]\nName=CAF\n"
                                                  "Description=Allocations, aides au logement\n"
                                                  "Keywords=APL;RSA;prime d'activité\n"
                                                  "Keywords[ar]=إعانة السكن\n"
                                                  "Url=https://www.caf.fr/\nAllow=*.caf.fr\n"
                                                  "Category=famille\n\n"
                                                  "[Service other]\nName=Autre\n"
                                                  "Description[tr]=Uygulama başvurusu\n"
                                                  "Description=Chapelle\n"
                                                  "Url=https://www.other.fr/\nAllow=*.other.fr\n"
                                                  "Category=famille\n");
  g_autoptr(KioskConfig) config = kiosk_config_load (path, &error);
  GPtrArray *services;
  static const struct
  {
    const char *query;
    guint       n_found;
  } cases[] = {
    { "", 2 },
    { "  apl ", 1 },
    { "Prime d’ACTIVITE", 1 },
    { "logement aides", 1 },
    /* Arabic keywords, whatever the kiosk's language, short vowels or not. */
    { "السكن", 1 },
    { "السَّكن", 1 },
    { "pel", 0 },
    { "ugul", 0 },
    { "uyg", 1 },
    { "carte grise", 0 },
    { "de la", 0 },
  };

  g_assert_no_error (error);
  services = kiosk_config_get_services (config);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) found = kiosk_search_services (services, cases[i].query, "fr");

      g_test_message ("“%s”", cases[i].query);
      g_assert_cmpuint (found->len, ==, cases[i].n_found);
    }
}

/* The resident's language first: the same word in two services, the one
 * that says it in the resident's language comes first.
 */
static void
test_residents_language_first (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kiosk_test_write_file ("languages.conf",
                                                  "[Kiosk]\nStationId=gare-03\n\n"
                                                  "[Service a]\nName=A\nDescription=Compte\n"
                                                  "Description[es]=banco\n"
                                                  "Url=https://a.fr/\nAllow=a.fr\n"
                                                  "Category=famille\n\n"
                                                  "[Service b]\nName=B\nDescription=Compte\n"
                                                  "Description[pt]=banco\n"
                                                  "Url=https://b.fr/\nAllow=b.fr\n"
                                                  "Category=famille\n");
  g_autoptr(KioskConfig) config = kiosk_config_load (path, &error);
  g_autoptr(GPtrArray) in_portuguese = NULL;
  g_autoptr(GPtrArray) in_spanish = NULL;

  g_assert_no_error (error);
  in_portuguese = kiosk_search_services (kiosk_config_get_services (config), "banco", "pt");
  in_spanish = kiosk_search_services (kiosk_config_get_services (config), "banco", "es");
  g_assert_cmpuint (in_portuguese->len, ==, 2);
  g_assert_cmpstr (kiosk_service_get_id (g_ptr_array_index (in_portuguese, 0)), ==, "b");
  g_assert_cmpstr (kiosk_service_get_id (g_ptr_array_index (in_spanish, 0)), ==, "a");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/search/residents-words-find-the-service",
                   test_residents_words_find_the_service);
  g_test_add_func ("/core/search/no-answer", test_no_answer);
  g_test_add_func ("/core/search/matching-is-from-word-starts",
                   test_matching_is_from_word_starts);
  g_test_add_func ("/core/search/residents-language-first", test_residents_language_first);

  return g_test_run ();
}
