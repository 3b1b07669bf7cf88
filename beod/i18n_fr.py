"""French texts of the command line (``beod.i18n``), keyed by the English text.

``make translations`` lists the texts of ``_()`` calls, of the progress stages and of the
error classes that have no entry here; ``tests/test_beod_i18n.py`` fails on them.
"""

FR = {
    # help
    "usage: ": "usage : ",
    "positional arguments": "arguments positionnels",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "show the version and exit": "afficher la version et quitter",
    "BrightEarth On Demand (BEOD) from the command line.":
        "BrightEarth On Demand (BEOD) en ligne de commande.",
    """environment:
  BEOD_SERVER    API address (default {})
  BEOD_EMAIL     account email (or --email)
  BEOD_PASSWORD  account password (else asked without echo; never an argument)
  LANG           the language of the messages (en, fr); the standard output stays the same
  BEOD_MAX_OUTAGE_HOURS  how long run/status/download wait out an unreachable server (default 24)

outages: while following a run or downloading, a refused connection, a time-out, a 5xx or a
  429 is waited out (capped back-off, "Server unreachable for 2 min, still trying" on stderr)
  for --max-outage hours; only FAILED on the server or a refused sign-in fail a run. An
  interrupted run is finished with: download PROJECT_ID SCENARIO_ID --out DIR

exit codes:
  0 success, 1 error, 2 usage, 3 sign-in refused, 4 invalid request or area,
  5 network, 6 scenario failed, 7 not found, 8 not enough credits, 130 cancelled
""": """environnement :
  BEOD_SERVER    adresse de l'API (par défaut {})
  BEOD_EMAIL     e-mail du compte (ou --email)
  BEOD_PASSWORD  mot de passe du compte (sinon demandé sans écho ; jamais en argument)
  LANG           la langue des messages (en, fr) ; la sortie standard reste la même
  BEOD_MAX_OUTAGE_HOURS  durée pendant laquelle run/status/download attendent un serveur
                 injoignable (24 par défaut)

coupures : pendant le suivi d'une extraction ou un téléchargement, une connexion refusée, un
  dépassement de délai, une erreur 5xx ou 429 est attendu (pauses croissantes plafonnées,
  « Serveur injoignable depuis 2 min, nouvelles tentatives en cours » sur stderr) pendant
  --max-outage heures ; seuls FAILED sur le serveur ou une connexion refusée font échouer une
  extraction. Une extraction interrompue se termine avec : download PROJECT_ID SCENARIO_ID --out DIR

codes de sortie :
  0 succès, 1 erreur, 2 usage, 3 connexion refusée, 4 requête ou zone invalide,
  5 réseau, 6 scénario en échec, 7 introuvable, 8 crédits insuffisants, 130 annulé
""",
    "wait out an unreachable server this long (env BEOD_MAX_OUTAGE_HOURS, default 24)":
        "attendre un serveur injoignable pendant cette durée au plus (variable BEOD_MAX_OUTAGE_HOURS, "
        "24 par défaut)",
    "API address (env BEOD_SERVER)": "adresse de l'API (variable BEOD_SERVER)",
    "account email (env BEOD_EMAIL)": "e-mail du compte (variable BEOD_EMAIL)",
    "log requests and show tracebacks": "journaliser les requêtes et afficher les traces d'erreur",
    "user id and credits": "identifiant de l'utilisateur et crédits",
    "the projects of the account": "les projets du compte",
    "the scenarios of a project": "les scénarios d'un projet",
    "run an extraction and download its results": "lancer une extraction et télécharger ses résultats",
    "the area: a WKT or GeoJSON file, or WKT/GeoJSON text, in lon/lat":
        "la zone : un fichier WKT ou GeoJSON, ou un texte WKT/GeoJSON, en lon/lat",
    "project and scenario name": "nom du projet et du scénario",
    "output CRS (EPSG)": "SCR de sortie (EPSG)",
    "an alternate deep-learning model (repeat for several)":
        "un modèle d'apprentissage profond alternatif (à répéter pour plusieurs)",
    "output folder": "dossier de sortie",
    "download (or resume) the results of a scenario":
        "télécharger (ou reprendre) les résultats d'un scénario",
    "state and progress of an activity": "état et progression d'une activité",
    # prompts, notes and errors of the command line
    "no password: set BEOD_PASSWORD or run in a terminal to be asked for it":
        "pas de mot de passe : définissez BEOD_PASSWORD ou lancez la commande dans un terminal "
        "pour le saisir",
    "BEOD password: ": "Mot de passe BEOD : ",
    "no account: give --email or set BEOD_EMAIL": "pas de compte : donnez --email ou définissez BEOD_EMAIL",
    "--aoi: no such file, and not WKT or GeoJSON: {}":
        "--aoi : fichier introuvable, et ni WKT ni GeoJSON : {}",
    "note: {}": "remarque : {}",
    "project {0}, scenario {1}, activity {2} (resume with: download {0} {1})":
        "projet {0}, scénario {1}, activité {2} (reprise avec : download {0} {1})",
    "error: {}": "erreur : {}",
    "error: cancelled": "erreur : annulé",
    "error: unexpected {}: {} (run with --debug for details)":
        "erreur : {} inattendue : {} (relancez avec --debug pour les détails)",
    # progress stages
    "{}: {}% {}": "{} : {} % {}",
    "Signing in": "Connexion",
    "Creating the project": "Création du projet",
    "Sending the area of interest": "Envoi de la zone d'intérêt",
    "Starting the extraction": "Lancement de l'extraction",
    "Extracting on the server": "Extraction sur le serveur",
    "Downloading results": "Téléchargement des résultats",
    "Done": "Terminé",
    # outages waited out (beod.outage), also shown by the plugin
    "Server unreachable for {}, still trying": "Serveur injoignable depuis {}, nouvelles tentatives en cours",
    # areas of interest (beod.aoi), also shown by the plugin
    "The WKT is in {}: give the area in lon/lat (EPSG:4326).":
        "Le WKT est en {} : donnez la zone en lon/lat (EPSG:4326).",
    "This is not valid WKT or GeoJSON: {}": "Ce n'est pas du WKT ni du GeoJSON valide : {}",
    "This is not valid WKT or GeoJSON: it holds characters other than the letters, digits and punctuation "
    "of WKT.":
        "Ce n'est pas du WKT ni du GeoJSON valide : le texte contient d'autres caractères que les lettres, "
        "chiffres et signes de ponctuation du WKT.",
    "GeoJSON must be an object (a geometry, a Feature or a FeatureCollection).":
        "Le GeoJSON doit être un objet (une géométrie, une Feature ou une FeatureCollection).",
    "The FeatureCollection has no geometry.": "La FeatureCollection n'a aucune géométrie.",
    "The GeoJSON Feature has no geometry.": "La Feature GeoJSON n'a pas de géométrie.",
    "This is not a valid GeoJSON geometry: {}": "Ce n'est pas une géométrie GeoJSON valide : {}",
    "No area of interest was given.": "Aucune zone d'intérêt n'a été donnée.",
    "The area of interest is empty.": "La zone d'intérêt est vide.",
    "This is not valid GeoJSON: {}": "Ce n'est pas du GeoJSON valide : {}",
    "Cannot read an area of interest from a {}.": "Impossible de lire une zone d'intérêt depuis un {}.",
    "The area has coordinates that are not numbers.":
        "La zone a des coordonnées qui ne sont pas des nombres.",
    "The coordinates ({}, {}, {}, {}) are outside longitude -180..180 / latitude -90..90: "
    "the area must be in lon/lat (EPSG:4326), not projected.":
        "Les coordonnées ({}, {}, {}, {}) sont hors des longitudes -180..180 / latitudes -90..90 : "
        "la zone doit être en lon/lat (EPSG:4326), pas projetée.",
    "The area spans more than 180° of longitude (or crosses the antimeridian): split it.":
        "La zone s'étend sur plus de 180° de longitude (ou traverse l'antiméridien) : découpez-la.",
    "The polygon is degenerate (no area; {}): draw at least three points that are not on one line.":
        "Le polygone est dégénéré (sans surface ; {}) : dessinez au moins trois points non alignés.",
    "The polygon was invalid ({}) and was repaired without changing its area.":
        "Le polygone était invalide ({}) et a été réparé sans changer sa surface.",
    "The polygon is invalid ({}) and cannot be repaired without guessing: redraw it without crossing edges.":
        "Le polygone est invalide ({}) et ne peut pas être réparé sans deviner : redessinez-le sans que "
        "ses bords se croisent.",
    "The polygon was simplified from {} to {} vertices (tolerance {}°, area changed by {} %).":
        "Le polygone a été simplifié de {} à {} sommets (tolérance {}°, surface modifiée de {} %).",
    "The polygon has {} vertices and cannot be simplified to {}.":
        "Le polygone a {} sommets et ne peut pas être simplifié à {}.",
    "The polygon is empty.": "Le polygone est vide.",
    "The polygon is degenerate (no area): draw at least three distinct points.":
        "Le polygone est dégénéré (sans surface) : dessinez au moins trois points distincts.",
    "The polygon is degenerate (no area): its points are on one line.":
        "Le polygone est dégénéré (sans surface) : ses points sont alignés.",
    "The polygon is degenerate (area {} m²).": "Le polygone est dégénéré (surface de {} m²).",
    "Extra ordinates (Z/M) were dropped.": "Les coordonnées supplémentaires (Z/M) ont été ignorées.",
    "Extra ordinates (Z) were dropped.": "Les coordonnées supplémentaires (Z) ont été ignorées.",
    "The area of interest must be a polygon, not a {}.":
        "La zone d'intérêt doit être un polygone, pas un {}.",
    "The area has {} separate polygons, and a project takes one: merge them, choose one, or run one "
    "extraction per polygon.":
        "La zone a {} polygones distincts, et un projet n'en prend qu'un : fusionnez-les, choisissez-en "
        "un, ou lancez une extraction par polygone.",
    "The {} holds one polygon, used as is.": "Le {} contient un seul polygone, utilisé tel quel.",
    "The area of interest must be made of polygons, not a {}.":
        "La zone d'intérêt doit être faite de polygones, pas d'un {}.",
    # the standard sentences of the client's errors (beod.errors)
    "BrightEarth On Demand request failed.": "La requête à BrightEarth On Demand a échoué.",
    "Sign-in failed: check the email and password (or sign in again).":
        "Échec de la connexion : vérifiez l'e-mail et le mot de passe (ou reconnectez-vous).",
    "This account is not allowed to do that.": "Ce compte n'est pas autorisé à faire cela.",
    "Not found on the server: check the project, scenario or activity id.":
        "Introuvable sur le serveur : vérifiez l'identifiant du projet, du scénario ou de l'activité.",
    "The server refused the request.": "Le serveur a refusé la requête.",
    "Conflict: the item already exists (a project has only one AOI).":
        "Conflit : l'élément existe déjà (un projet n'a qu'une zone d'intérêt).",
    "The area of interest cannot be used.": "La zone d'intérêt ne peut pas être utilisée.",
    "The area of interest is larger than the service accepts.":
        "La zone d'intérêt dépasse la taille que le service accepte.",
    "The server address must start with https:// (or http://) followed by a host name.":
        "L'adresse du serveur doit commencer par https:// (ou http://) suivi d'un nom d'hôte.",
    "The server answered, but it is not a BrightEarth On Demand API.":
        "Le serveur a répondu, mais ce n'est pas une API BrightEarth On Demand.",
    "The server redirected the request elsewhere; it was not followed.":
        "Le serveur a redirigé la requête ailleurs ; la redirection n'a pas été suivie.",
    "Not enough credits for this extraction: add credits or choose a smaller area.":
        "Pas assez de crédits pour cette extraction : ajoutez des crédits ou choisissez une zone "
        "plus petite.",
    "The BEOD server had a problem; try again later.":
        "Le serveur BEOD a rencontré un problème ; réessayez plus tard.",
    "The BEOD server is busy (too many requests); try again in a moment.":
        "Le serveur BEOD est surchargé (trop de requêtes) ; réessayez dans un instant.",
    "Could not reach the server: check the network, the proxy and the server address.":
        "Serveur injoignable : vérifiez le réseau, le proxy et l'adresse du serveur.",
    "Cancelled.": "Annulé.",
    "The server sent an unsafe file name; nothing was written outside the output folder.":
        "Le serveur a envoyé un nom de fichier dangereux ; rien n'a été écrit hors du dossier de sortie.",
    "Downloading the results failed; run the download again to resume it.":
        "Le téléchargement des résultats a échoué ; relancez-le pour le reprendre.",
    "The extraction failed on the server.": "L'extraction a échoué sur le serveur.",
}
