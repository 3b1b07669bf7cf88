<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>BEOD</name>
    <message>
        <location filename="../core/aoi_sources.py" line="158"/>
        <source>{} feature(s) of “{}”</source>
        <translation>{} entité(s) de « {} »</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="119"/>
        <source>Drawn on the map</source>
        <translation>Dessinée sur la carte</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="129"/>
        <source>Map extent</source>
        <translation>Emprise de la carte</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="150"/>
        <source>{} separate areas of “{}”</source>
        <translation>{} zones distinctes de « {} »</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="85"/>
        <source>The coordinate reference system of the area is unknown: set it first.</source>
        <translation>Le système de coordonnées de référence (SCR) de la zone est inconnu : définissez-le d&apos;abord.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="116"/>
        <source>Place at least three points to draw an area.</source>
        <translation>Placez au moins trois points pour dessiner une zone.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="125"/>
        <source>The map extent is empty: zoom to the area first.</source>
        <translation>L&apos;emprise de la carte est vide : zoomez d&apos;abord sur la zone.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="146"/>
        <source>The features of “{}” have no usable polygon area.</source>
        <translation>Les entités de « {} » n&apos;ont aucune surface polygonale utilisable.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="149"/>
        <source>{} separate areas: one extraction each.</source>
        <translation>{} zones distinctes : une extraction pour chacune.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="154"/>
        <source>The {} separate areas were joined by the outline enclosing them.</source>
        <translation>Les {} zones distinctes ont été réunies par le contour qui les englobe.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="173"/>
        <source>Choose a polygon layer of the project.</source>
        <translation>Choisissez une couche de polygones du projet.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="176"/>
        <source>“{}” is not a polygon layer. Choose a layer with polygons, draw the area on the map or use the map extent.</source>
        <translation>« {} » n&apos;est pas une couche de polygones. Choisissez une couche de polygones, dessinez la zone sur la carte ou utilisez l&apos;emprise de la carte.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="201"/>
        <source>“{}” has no feature with a geometry.</source>
        <translation>« {} » n&apos;a aucune entité avec une géométrie.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="239"/>
        <source>A Python package the plugin needs is missing: {}</source>
        <translation>Un paquet Python nécessaire à l&apos;extension est absent : {}</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="93"/>
        <source>The area could not be transformed to WGS 84 (EPSG:4326): {}</source>
        <translation>La zone n&apos;a pas pu être reprojetée en WGS 84 (EPSG:4326) : {}</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="185"/>
        <source>No feature of “{}” is selected. Select features on the map, or untick “Selected features only” to use the whole layer.</source>
        <translation>Aucune entité de « {} » n&apos;est sélectionnée. Sélectionnez des entités sur la carte, ou décochez « Entités sélectionnées uniquement » pour utiliser toute la couche.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="230"/>
        <location filename="../ui/aoi_panel.py" line="116"/>
        <source>The area cannot be used: {}</source>
        <translation>La zone ne peut pas être utilisée : {}</translation>
    </message>
    <message>
        <location filename="../core/auth.py" line="28"/>
        <source>The QGIS authentication database is not available, so the password cannot be stored safely. Check Settings &gt; Options &gt; Authentication.</source>
        <translation>La base de données d&apos;authentification de QGIS n&apos;est pas disponible : le mot de passe ne peut pas être enregistré en sécurité. Vérifiez Préférences &gt; Options &gt; Authentification.</translation>
    </message>
    <message>
        <location filename="../core/auth.py" line="43"/>
        <source>The QGIS master password was not entered, so the credentials cannot be read or stored. Sign in again and enter the master password when QGIS asks for it.</source>
        <translation>Le mot de passe principal de QGIS n&apos;a pas été saisi : les identifiants ne peuvent être ni lus ni enregistrés. Reconnectez-vous et saisissez le mot de passe principal quand QGIS le demande.</translation>
    </message>
    <message>
        <location filename="../core/auth.py" line="65"/>
        <source>Enter both the email and the password.</source>
        <translation>Saisissez l&apos;e-mail et le mot de passe.</translation>
    </message>
    <message>
        <location filename="../core/auth.py" line="81"/>
        <source>The credentials could not be stored in the QGIS authentication database.</source>
        <translation>Les identifiants n&apos;ont pas pu être enregistrés dans la base de données d&apos;authentification de QGIS.</translation>
    </message>
    <message>
        <location filename="../core/dependencies.py" line="37"/>
        <source>The BrightEarth On Demand plugin needs the Python package(s) {} in QGIS&apos;s Python.</source>
        <translation>L&apos;extension BrightEarth On Demand a besoin du ou des paquets Python {} dans le Python de QGIS.</translation>
    </message>
    <message>
        <location filename="../core/dependencies.py" line="39"/>
        <source>Close QGIS, open the &quot;OSGeo4W Shell&quot; from the Start menu (as administrator for an all-users install) and run:
    python -m pip install {}
then restart QGIS.</source>
        <translation>Fermez QGIS, ouvrez « OSGeo4W Shell » depuis le menu Démarrer (en administrateur pour une installation pour tous les utilisateurs) et lancez :
    python -m pip install {}
puis redémarrez QGIS.</translation>
    </message>
    <message>
        <location filename="../core/dependencies.py" line="45"/>
        <source>Open a Terminal and run QGIS&apos;s own Python:
    /Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install --user {}
(adjust the path if QGIS is installed elsewhere), then restart QGIS.</source>
        <translation>Ouvrez un Terminal et lancez le Python de QGIS :
    /Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install --user {}
(adaptez le chemin si QGIS est installé ailleurs), puis redémarrez QGIS.</translation>
    </message>
    <message>
        <location filename="../core/dependencies.py" line="53"/>
        <source>On Debian or Ubuntu run:
    sudo apt install {}
On Fedora: sudo dnf install {}
Otherwise: {} -m pip install --user {}
then restart QGIS.</source>
        <translation>Sous Debian ou Ubuntu, lancez :
    sudo apt install {}
Sous Fedora : sudo dnf install {}
Sinon : {} -m pip install --user {}
puis redémarrez QGIS.</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="126"/>
        <source>Terrain (hillshade)</source>
        <translation>Terrain (ombrage)</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="134"/>
        <source>{} (3D)</source>
        <translation>{} (3D)</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="144"/>
        <source>Class {}</source>
        <translation>Classe {}</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="45"/>
        <location filename="../core/styles/clutter.qml" line="0"/>
        <source>Water</source>
        <translation>Eau</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="46"/>
        <location filename="../core/styles/clutter.qml" line="0"/>
        <source>Bare ground</source>
        <translation>Sol nu</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="47"/>
        <location filename="../core/styles/clutter.qml" line="0"/>
        <source>Grassland</source>
        <translation>Prairies</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="48"/>
        <location filename="../core/styles/clutter.qml" line="0"/>
        <source>Cropland</source>
        <translation>Cultures</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="49"/>
        <location filename="../core/styles/clutter.qml" line="0"/>
        <source>Forest</source>
        <translation>Forêt</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="50"/>
        <location filename="../core/styles/clutter.qml" line="0"/>
        <source>Parks and urban trees</source>
        <translation>Parcs et arbres urbains</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="51"/>
        <location filename="../core/styles/clutter.qml" line="0"/>
        <source>Low-rise urban</source>
        <translation>Urbain peu dense</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="52"/>
        <location filename="../core/styles/clutter.qml" line="0"/>
        <source>Dense urban</source>
        <translation>Urbain dense</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="53"/>
        <location filename="../core/styles/clutter.qml" line="0"/>
        <source>Industrial and commercial</source>
        <translation>Zones industrielles et commerciales</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="54"/>
        <location filename="../core/styles/clutter.qml" line="0"/>
        <source>Paved and roads</source>
        <translation>Surfaces revêtues et routes</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="100"/>
        <source>Buildings</source>
        <translation>Bâti</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="102"/>
        <source>Trees</source>
        <translation>Végétation</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="104"/>
        <source>Roads</source>
        <translation>Routes</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="106"/>
        <source>Land clutter</source>
        <translation>Occupation du sol</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="108"/>
        <source>Terrain (DTM)</source>
        <translation>Terrain (MNT)</translation>
    </message>
    <message>
        <location filename="../core/network.py" line="169"/>
        <source>The certificate bundle could not be written to {}: {}</source>
        <translation>Le fichier des certificats n&apos;a pas pu être écrit dans {} : {}</translation>
    </message>
    <message>
        <location filename="../core/results.py" line="32"/>
        <source>Merging the results was cancelled.</source>
        <translation>La fusion des résultats a été annulée.</translation>
    </message>
    <message>
        <location filename="../core/results.py" line="47"/>
        <source>The output folder {} does not exist.</source>
        <translation>Le dossier de sortie {} n&apos;existe pas.</translation>
    </message>
    <message>
        <location filename="../core/results.py" line="52"/>
        <source>The output “{}” is not a known layer kind; its files were left as they are.</source>
        <translation>La sortie « {} » n&apos;est pas un type de couche connu ; ses fichiers ont été laissés tels quels.</translation>
    </message>
    <message>
        <location filename="../core/results.py" line="78"/>
        <source>No results were found in {}.</source>
        <translation>Aucun résultat n&apos;a été trouvé dans {}.</translation>
    </message>
    <message>
        <location filename="../core/results.py" line="108"/>
        <source>{} could not be replaced (is it open in another program?); the new merge is {}.</source>
        <translation>{} n&apos;a pas pu être remplacé (est-il ouvert dans un autre programme ?) ; la nouvelle fusion est {}.</translation>
    </message>
    <message>
        <location filename="../core/results_files.py" line="59"/>
        <source>unreadable file</source>
        <translation>fichier illisible</translation>
    </message>
    <message>
        <location filename="../core/results_load.py" line="68"/>
        <source>The style {} could not be applied to {}: {}</source>
        <translation>Le style {} n&apos;a pas pu être appliqué à {} : {}</translation>
    </message>
    <message>
        <location filename="../core/results_load.py" line="149"/>
        <source>{} could not be opened from {}.</source>
        <translation>{} n&apos;a pas pu être ouvert depuis {}.</translation>
    </message>
    <message>
        <location filename="../core/results_load.py" line="91"/>
        <source>{} m</source>
        <translation>{} m</translation>
    </message>
    <message>
        <location filename="../core/results_load.py" line="226"/>
        <source>3D Tiles were not loaded: QGIS {} cannot display them (QGIS 3.34 or newer can). They are in {}.</source>
        <translation>Les 3D Tiles n&apos;ont pas été chargées : QGIS {} ne sait pas les afficher (QGIS 3.34 ou plus récent le sait). Elles sont dans {}.</translation>
    </message>
    <message>
        <location filename="../core/results_load.py" line="231"/>
        <source>No results could be loaded from {}.</source>
        <translation>Aucun résultat n&apos;a pu être chargé depuis {}.</translation>
    </message>
    <message>
        <location filename="../core/results_load.py" line="222"/>
        <source>The 3D Tiles in {} could not be opened.</source>
        <translation>Les 3D Tiles de {} n&apos;ont pas pu être ouvertes.</translation>
    </message>
    <message>
        <location filename="../core/results_merge.py" line="42"/>
        <location filename="../core/results_merge.py" line="82"/>
        <location filename="../core/results_mosaic.py" line="92"/>
        <source>Skipped {}: {}</source>
        <translation>{} ignoré : {}</translation>
    </message>
    <message>
        <location filename="../core/results_merge.py" line="37"/>
        <source>{} cannot be read; {} was used instead.</source>
        <translation>{} est illisible ; {} a été utilisé à la place.</translation>
    </message>
    <message>
        <location filename="../core/results_merge.py" line="71"/>
        <location filename="../core/results_mosaic.py" line="67"/>
        <source>Could not write {}: {}</source>
        <translation>Impossible d&apos;écrire {} : {}</translation>
    </message>
    <message>
        <location filename="../core/results_mosaic.py" line="93"/>
        <source>Skipped {}: its coordinate system or bands differ from the other tiles.</source>
        <translation>{} ignoré : son système de coordonnées ou ses bandes diffèrent de ceux des autres tuiles.</translation>
    </message>
    <message>
        <location filename="../core/results_tiles.py" line="118"/>
        <source>The 3D tilesets of {} have no bounding volume that can be combined.</source>
        <translation>Les jeux de tuiles 3D de {} n&apos;ont pas de volume englobant qui puisse être combiné.</translation>
    </message>
    <message>
        <location filename="../core/results_tiles.py" line="91"/>
        <location filename="../core/results_tiles.py" line="102"/>
        <source>Skipped the 3D tileset {}: it cannot be read.</source>
        <translation>Jeu de tuiles 3D {} ignoré : il est illisible.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="55"/>
        <source>Signing in</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="56"/>
        <source>Creating the project</source>
        <translation>Création du projet</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="57"/>
        <source>Sending the area of interest</source>
        <translation>Envoi de la zone d&apos;intérêt</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="58"/>
        <source>Starting the extraction</source>
        <translation>Lancement de l&apos;extraction</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="59"/>
        <source>Extracting on the server</source>
        <translation>Extraction sur le serveur</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="60"/>
        <source>Downloading results</source>
        <translation>Téléchargement des résultats</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="61"/>
        <source>Merging tiles</source>
        <translation>Fusion des tuiles</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="62"/>
        <source>Loading layers</source>
        <translation>Chargement des couches</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="63"/>
        <location filename="../ui/jobs_panel.py" line="23"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="283"/>
        <location filename="../ui/messages.py" line="31"/>
        <source>Unexpected error ({}): {}</source>
        <translation>Erreur inattendue ({}) : {}</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="339"/>
        <source>Credits: {} before, {} after.</source>
        <translation>Crédits : {} avant, {} après.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="80"/>
        <source>Sign in to BrightEarth On Demand first.</source>
        <translation>Connectez-vous d&apos;abord à BrightEarth On Demand.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="105"/>
        <source>BrightEarth On Demand: {}</source>
        <translation>BrightEarth On Demand : {}</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="315"/>
        <source>{} layer(s) loaded in the group &quot;{}&quot;: {}.</source>
        <translation>{} couche(s) chargée(s) dans le groupe « {} » : {}.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="322"/>
        <source>The run finished but returned no layer to load.</source>
        <translation>L&apos;exécution s&apos;est terminée sans renvoyer de couche à charger.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="329"/>
        <source>{} finished: {}</source>
        <translation>{} terminé : {}</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="351"/>
        <source>{} was cancelled.</source>
        <translation>{} a été annulé.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="356"/>
        <source>The run failed.</source>
        <translation>L&apos;exécution a échoué.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="358"/>
        <source>BrightEarth On Demand: {} failed</source>
        <translation>BrightEarth On Demand : échec de {}</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="375"/>
        <source>BrightEarth On Demand: {} finished</source>
        <translation>BrightEarth On Demand : {} terminé</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="378"/>
        <source>Open folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="583"/>
        <location filename="../core/tasks.py" line="347"/>
        <source>Interrupted before the server started it: run it again.</source>
        <translation>Interrompu avant que le serveur ne le lance : relancez-le.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="593"/>
        <source>Resuming {} (scenario {}).</source>
        <translation>Reprise de {} (scénario {}).</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="243"/>
        <location filename="../core/tasks.py" line="233"/>
        <location filename="../core/tasks.py" line="239"/>
        <location filename="../processing_provider/download_results.py" line="64"/>
        <location filename="../processing_provider/outputs.py" line="96"/>
        <location filename="../processing_provider/run_extraction.py" line="161"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="257"/>
        <source>Could not write the results to {}: {}. Choose another output folder.</source>
        <translation>Impossible d&apos;écrire les résultats dans {} : {}. Choisissez un autre dossier de sortie.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="294"/>
        <source>The results could not be loaded: {}</source>
        <translation>Les résultats n&apos;ont pas pu être chargés : {}</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="344"/>
        <source>Interrupted: it will be followed again when QGIS starts.</source>
        <translation>Interrompu : le suivi reprendra au prochain démarrage de QGIS.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="353"/>
        <location filename="../core/tasks.py" line="297"/>
        <location filename="../plugin.py" line="56"/>
        <location filename="../plugin.py" line="116"/>
        <location filename="../processing_provider/base.py" line="44"/>
        <location filename="../processing_provider/provider.py" line="16"/>
        <location filename="../ui/dock.py" line="37"/>
        <source>BrightEarth On Demand</source>
        <translation>BrightEarth On Demand</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="383"/>
        <source>Zoom to results</source>
        <translation>Zoomer sur les résultats</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="203"/>
        <source>Could not read the credits: {}</source>
        <translation>Impossible de lire les crédits : {}</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="252"/>
        <source>{} failed: {}</source>
        <translation>Échec de {} : {}</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="276"/>
        <source>Could not close the connection: {}</source>
        <translation>Impossible de fermer la connexion : {}</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="37"/>
        <source>&amp;BrightEarth On Demand</source>
        <translation>&amp;BrightEarth On Demand</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="58"/>
        <source>Extract buildings, trees, roads and terrain with BrightEarth On Demand</source>
        <translation>Extraire le bâti, la végétation, les routes et le terrain avec BrightEarth On Demand</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="47"/>
        <source>Processing algorithms unavailable: {}</source>
        <translation>Algorithmes de traitement indisponibles : {}</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="104"/>
        <source>Dependency check unavailable: {}</source>
        <translation>Vérification des dépendances indisponible : {}</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="124"/>
        <source>Background runs unavailable: {}</source>
        <translation>Exécutions en arrière-plan indisponibles : {}</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="129"/>
        <source>Runs left unfinished when QGIS closed could not be resumed: {}</source>
        <translation>Les exécutions inachevées à la fermeture de QGIS n&apos;ont pas pu être reprises : {}</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="85"/>
        <source>The BrightEarth On Demand panel could not open: {}</source>
        <translation>Le panneau BrightEarth On Demand n&apos;a pas pu s&apos;ouvrir : {}</translation>
    </message>
    <message>
        <location filename="../processing_provider/account.py" line="72"/>
        <source>No BrightEarth On Demand account: sign in from the BEOD panel, give an authentication configuration id (AUTHCFG), or set {} and {} in the environment.</source>
        <translation>Aucun compte BrightEarth On Demand : connectez-vous depuis le panneau BEOD, indiquez l&apos;identifiant d&apos;une configuration d&apos;authentification (AUTHCFG), ou définissez {} et {} dans l&apos;environnement.</translation>
    </message>
    <message>
        <location filename="../processing_provider/account.py" line="41"/>
        <source>The QGIS master password is needed to read the authentication configuration {}: sign in from the BEOD panel first (QGIS then knows it), give it with the environment variable QGIS_AUTH_PASSWORD_FILE, or set {} and {} instead.</source>
        <translation>Le mot de passe principal de QGIS est nécessaire pour lire la configuration d&apos;authentification {} : connectez-vous d&apos;abord depuis le panneau BEOD (QGIS le connaît alors), donnez-le avec la variable d&apos;environnement QGIS_AUTH_PASSWORD_FILE, ou définissez plutôt {} et {}.</translation>
    </message>
    <message>
        <location filename="../processing_provider/account.py" line="51"/>
        <source>The authentication configuration {} holds no BrightEarth On Demand account.</source>
        <translation>La configuration d&apos;authentification {} ne contient aucun compte BrightEarth On Demand.</translation>
    </message>
    <message>
        <location filename="../processing_provider/account.py" line="63"/>
        <source>authentication configuration {}</source>
        <translation>configuration d&apos;authentification {}</translation>
    </message>
    <message>
        <location filename="../processing_provider/account.py" line="66"/>
        <source>environment variables {} and {}</source>
        <translation>variables d&apos;environnement {} et {}</translation>
    </message>
    <message>
        <location filename="../processing_provider/account.py" line="71"/>
        <source>the signed-in account</source>
        <translation>le compte connecté</translation>
    </message>
    <message>
        <location filename="../processing_provider/account.py" line="96"/>
        <source>Signing in to {} with {}.</source>
        <translation>Connexion à {} avec {}.</translation>
    </message>
    <message>
        <location filename="../processing_provider/account.py" line="108"/>
        <source>Signed in; credits available: {}.</source>
        <translation>Connecté ; crédits disponibles : {}.</translation>
    </message>
    <message>
        <location filename="../processing_provider/account.py" line="101"/>
        <source>Sign-in to BrightEarth On Demand failed with {}: {}</source>
        <translation>La connexion à BrightEarth On Demand a échoué avec {} : {}</translation>
    </message>
    <message>
        <location filename="../processing_provider/account.py" line="105"/>
        <source>Could not reach BrightEarth On Demand at {}: {}</source>
        <translation>BrightEarth On Demand est injoignable à {} : {}</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="22"/>
        <source>&lt;p&gt;&lt;b&gt;Account&lt;/b&gt; (AUTHCFG, advanced): the id of a QGIS authentication configuration holding the BEOD e-mail and password. Left empty, the account signed in from the BEOD panel is used; on the command line (qgis_process), where no dialog can ask for the master password, give the master password with the environment variable QGIS_AUTH_PASSWORD_FILE, or leave AUTHCFG empty and set BEOD_EMAIL and BEOD_PASSWORD in the environment. The password is never a parameter, so it never reaches the Processing history.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Server&lt;/b&gt; (SERVER, advanced): the address of the BEOD API; empty = the server set in the plugin settings.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Compte&lt;/b&gt; (AUTHCFG, avancé) : l&apos;identifiant d&apos;une configuration d&apos;authentification QGIS contenant l&apos;e-mail et le mot de passe BEOD. Laissé vide, le compte connecté depuis le panneau BEOD est utilisé ; en ligne de commande (qgis_process), où aucune boîte de dialogue ne peut demander le mot de passe principal, donnez le mot de passe principal avec la variable d&apos;environnement QGIS_AUTH_PASSWORD_FILE, ou laissez AUTHCFG vide et définissez BEOD_EMAIL et BEOD_PASSWORD dans l&apos;environnement. Le mot de passe n&apos;est jamais un paramètre : il n&apos;apparaît donc jamais dans l&apos;historique des traitements.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Serveur&lt;/b&gt; (SERVER, avancé) : l&apos;adresse de l&apos;API BEOD ; vide = le serveur défini dans les paramètres de l&apos;extension.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="62"/>
        <source>Account (authentication configuration; empty = the signed-in account)</source>
        <translation>Compte (configuration d&apos;authentification ; vide = le compte connecté)</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="65"/>
        <source>BEOD server (empty = the server of the plugin settings)</source>
        <translation>Serveur BEOD (vide = le serveur des paramètres de l&apos;extension)</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="92"/>
        <source>No BrightEarth On Demand account.</source>
        <translation>Aucun compte BrightEarth On Demand.</translation>
    </message>
    <message>
        <location filename="../processing_provider/download_results.py" line="26"/>
        <source>Download scenario results</source>
        <translation>Télécharger les résultats d&apos;un scénario</translation>
    </message>
    <message>
        <location filename="../processing_provider/download_results.py" line="45"/>
        <source>&lt;p&gt;&lt;b&gt;Example&lt;/b&gt; (command line):&lt;br&gt;&lt;code&gt;qgis_process run beod:downloadresults -- PROJECT_ID=789 SCENARIO_ID=543 OUTPUT_FOLDER=/data/run543&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Exemple&lt;/b&gt; (ligne de commande) :&lt;br&gt;&lt;code&gt;qgis_process run beod:downloadresults -- PROJECT_ID=789 SCENARIO_ID=543 OUTPUT_FOLDER=/data/run543&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/download_results.py" line="70"/>
        <source>{} files downloaded to {}.</source>
        <translation>{} fichiers téléchargés dans {}.</translation>
    </message>
    <message>
        <location filename="../processing_provider/download_results.py" line="30"/>
        <location filename="../processing_provider/run_extraction.py" line="76"/>
        <source>Project id</source>
        <translation>Identifiant du projet</translation>
    </message>
    <message>
        <location filename="../processing_provider/download_results.py" line="32"/>
        <location filename="../processing_provider/run_extraction.py" line="77"/>
        <source>Scenario id</source>
        <translation>Identifiant du scénario</translation>
    </message>
    <message>
        <location filename="../processing_provider/download_results.py" line="33"/>
        <location filename="../processing_provider/run_extraction.py" line="73"/>
        <source>Output folder</source>
        <translation>Dossier de sortie</translation>
    </message>
    <message>
        <location filename="../processing_provider/download_results.py" line="59"/>
        <source>Downloading the results of scenario {}...</source>
        <translation>Téléchargement des résultats du scénario {}...</translation>
    </message>
    <message>
        <location filename="../processing_provider/download_results.py" line="38"/>
        <source>&lt;p&gt;Downloads the results of a finished BrightEarth On Demand scenario (again) and merges them into one layer per output kind, as &quot;Run extraction&quot; does. Files already downloaded completely are not fetched again.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Project id&lt;/b&gt; (PROJECT_ID) and &lt;b&gt;Scenario id&lt;/b&gt; (SCENARIO_ID): shown by &quot;List projects and scenarios&quot; and output by &quot;Run extraction&quot;.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Output folder&lt;/b&gt; (OUTPUT_FOLDER): where the files are downloaded and merged.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Télécharge (à nouveau) les résultats d&apos;un scénario BrightEarth On Demand terminé et les fusionne en une couche par type de sortie, comme le fait « Lancer l&apos;extraction ». Les fichiers déjà entièrement téléchargés ne sont pas récupérés de nouveau.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Identifiant du projet&lt;/b&gt; (PROJECT_ID) et &lt;b&gt;identifiant du scénario&lt;/b&gt; (SCENARIO_ID) : affichés par « Lister les projets et les scénarios » et renvoyés par « Lancer l&apos;extraction ».&lt;/p&gt;&lt;p&gt;&lt;b&gt;Dossier de sortie&lt;/b&gt; (OUTPUT_FOLDER) : où les fichiers sont téléchargés et fusionnés.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/download_results.py" line="66"/>
        <source>Downloading project {}, scenario {} failed: {}</source>
        <translation>Le téléchargement du projet {}, scénario {} a échoué : {}</translation>
    </message>
    <message>
        <location filename="../processing_provider/list_projects.py" line="47"/>
        <source>List projects and scenarios</source>
        <translation>Lister les projets et les scénarios</translation>
    </message>
    <message>
        <location filename="../processing_provider/list_projects.py" line="60"/>
        <source>&lt;p&gt;&lt;b&gt;Output&lt;/b&gt; (OUTPUT): the table.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Example&lt;/b&gt; (command line):&lt;br&gt;&lt;code&gt;qgis_process run beod:listprojects -- OUTPUT=/data/beod_projects.csv&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Sortie&lt;/b&gt; (OUTPUT) : la table.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Exemple&lt;/b&gt; (ligne de commande) :&lt;br&gt;&lt;code&gt;qgis_process run beod:listprojects -- OUTPUT=/data/beod_projects.csv&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/list_projects.py" line="96"/>
        <source>{} rows.</source>
        <translation>{} lignes.</translation>
    </message>
    <message>
        <location filename="../processing_provider/list_projects.py" line="52"/>
        <source>Projects and scenarios</source>
        <translation>Projets et scénarios</translation>
    </message>
    <message>
        <location filename="../processing_provider/list_projects.py" line="55"/>
        <source>&lt;p&gt;Lists the BrightEarth On Demand projects of the account with their scenarios in a table (no geometry): one row per scenario (a project without scenario has one row with empty scenario fields), with the fields project_id, project_name, project_date, scenario_id, scenario_name and scenario_state.&lt;/p&gt;&lt;p&gt;Use the ids with &quot;Download scenario results&quot;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Liste les projets BrightEarth On Demand du compte avec leurs scénarios dans une table (sans géométrie) : une ligne par scénario (un projet sans scénario a une ligne aux champs de scénario vides), avec les champs project_id, project_name, project_date, scenario_id, scenario_name et scenario_state.&lt;/p&gt;&lt;p&gt;Utilisez les identifiants avec « Télécharger les résultats d&apos;un scénario ».&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/list_projects.py" line="76"/>
        <source>{} projects.</source>
        <translation>{} projets.</translation>
    </message>
    <message>
        <location filename="../processing_provider/list_projects.py" line="93"/>
        <source>Listing the projects failed: {}</source>
        <translation>La liste des projets a échoué : {}</translation>
    </message>
    <message>
        <location filename="../processing_provider/outputs.py" line="27"/>
        <source>&lt;p&gt;&lt;b&gt;Outputs&lt;/b&gt;: one layer per output kind, merged over every tile (a GeoPackage for vectors, a VRT mosaic for rasters): BUILDING, TREE, ROAD, CLUTTER, DTM (empty when the extraction has no such output), LAYERS (all of them) and OUTPUT_FOLDER. From the toolbox they are added to the map, styled.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Sorties&lt;/b&gt; : une couche par type de sortie, fusionnée sur toutes les tuiles (un GeoPackage pour les vecteurs, une mosaïque VRT pour les rasters) : BUILDING (bâti), TREE (végétation), ROAD (routes), CLUTTER (occupation du sol), DTM (MNT) (vide quand l&apos;extraction n&apos;a pas cette sortie), LAYERS (toutes) et OUTPUT_FOLDER. Depuis la boîte à outils, elles sont ajoutées à la carte, avec leur style.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/outputs.py" line="91"/>
        <source>Merging the results...</source>
        <translation>Fusion des résultats...</translation>
    </message>
    <message>
        <location filename="../processing_provider/outputs.py" line="43"/>
        <source>All result layers</source>
        <translation>Toutes les couches de résultats</translation>
    </message>
    <message>
        <location filename="../processing_provider/outputs.py" line="111"/>
        <source> ({} features)</source>
        <translation> ({} entités)</translation>
    </message>
    <message>
        <location filename="../processing_provider/outputs.py" line="112"/>
        <source>{}: {}{}</source>
        <translation>{} : {}{}</translation>
    </message>
    <message>
        <location filename="../processing_provider/outputs.py" line="119"/>
        <source>3D tiles of {}: {}</source>
        <translation>Tuiles 3D de {} : {}</translation>
    </message>
    <message>
        <location filename="../processing_provider/outputs.py" line="121"/>
        <source>No result layer was found in {}.</source>
        <translation>Aucune couche de résultat n&apos;a été trouvée dans {}.</translation>
    </message>
    <message>
        <location filename="../processing_provider/outputs.py" line="99"/>
        <source>The results in {} could not be merged: {}</source>
        <translation>Les résultats de {} n&apos;ont pas pu être fusionnés : {}</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="49"/>
        <source>QGIS extraction</source>
        <translation>Extraction QGIS</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="58"/>
        <source>Run extraction</source>
        <translation>Lancer l&apos;extraction</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="94"/>
        <source>&lt;p&gt;&lt;b&gt;Ids&lt;/b&gt;: PROJECT_ID and SCENARIO_ID of the (last) extraction, and every id in PROJECT_IDS and SCENARIO_IDS; &quot;Download scenario results&quot; fetches them again.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Example&lt;/b&gt; (command line):&lt;br&gt;&lt;code&gt;qgis_process run beod:runextraction -- INPUT=aoi.gpkg MODE=1 NAME=Nice OUTPUT_FOLDER=/data/nice&lt;/code&gt;&lt;/p&gt;&lt;p&gt;Cancelling stops waiting; a scenario already started keeps running on the server and its ids are in the log.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Identifiants&lt;/b&gt; : PROJECT_ID et SCENARIO_ID de la (dernière) extraction, et tous les identifiants dans PROJECT_IDS et SCENARIO_IDS ; « Télécharger les résultats d&apos;un scénario » les récupère à nouveau.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Exemple&lt;/b&gt; (ligne de commande) :&lt;br&gt;&lt;code&gt;qgis_process run beod:runextraction -- INPUT=aoi.gpkg MODE=1 NAME=Nice OUTPUT_FOLDER=/data/nice&lt;/code&gt;&lt;/p&gt;&lt;p&gt;Annuler arrête l&apos;attente ; un scénario déjà lancé continue sur le serveur et ses identifiants sont dans le journal.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="224"/>
        <source>The area of &quot;{}&quot; is empty.</source>
        <translation>La zone de « {} » est vide.</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="229"/>
        <source>&quot;{}&quot;: the {} separate areas are joined by the outline enclosing them; choose one extraction per feature to extract them separately.</source>
        <translation>« {} » : les {} zones distinctes sont réunies par le contour qui les englobe ; choisissez une extraction par entité pour les extraire séparément.</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="62"/>
        <source>Area of interest (polygons)</source>
        <translation>Zone d&apos;intérêt (polygones)</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="64"/>
        <source>Extractions</source>
        <translation>Extractions</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="68"/>
        <source>Extraction name</source>
        <translation>Nom de l&apos;extraction</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="70"/>
        <source>Take each extraction&apos;s name from this field (one per feature)</source>
        <translation>Prendre le nom de chaque extraction dans ce champ (une par entité)</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="78"/>
        <source>Project ids (comma-separated)</source>
        <translation>Identifiants des projets (séparés par des virgules)</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="79"/>
        <source>Scenario ids (comma-separated)</source>
        <translation>Identifiants des scénarios (séparés par des virgules)</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="111"/>
        <source>The output folder {} already holds files: results found there are merged with the new ones. Choose an empty folder to keep runs apart.</source>
        <translation>Le dossier de sortie {} contient déjà des fichiers : les résultats qui s&apos;y trouvent sont fusionnés avec les nouveaux. Choisissez un dossier vide pour séparer les exécutions.</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="163"/>
        <source>Every extraction failed ({}).</source>
        <translation>Toutes les extractions ont échoué ({}).</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="165"/>
        <source>{} of {} extractions failed: {}; the results of the others follow.</source>
        <translation>{} extractions sur {} ont échoué : {} ; les résultats des autres suivent.</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="181"/>
        <source>Cancelled. Project {}, scenario {} may still run on the server: fetch its results later with &quot;Download scenario results&quot;.</source>
        <translation>Annulé. Le projet {}, scénario {} peut encore s&apos;exécuter sur le serveur : récupérez ses résultats plus tard avec « Télécharger les résultats d&apos;un scénario ».</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="208"/>
        <source>The area of interest has no polygon feature.</source>
        <translation>La zone d&apos;intérêt n&apos;a aucune entité polygonale.</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="123"/>
        <source>Extraction {} of {}: &quot;{}&quot;.</source>
        <translation>Extraction {} sur {} : « {} ».</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="199"/>
        <source>Feature {} has no polygon: skipped.</source>
        <translation>L&apos;entité {} n&apos;a pas de polygone : ignorée.</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="65"/>
        <source>One extraction per feature</source>
        <translation>Une extraction par entité</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="65"/>
        <source>One extraction for all features (merged)</source>
        <translation>Une seule extraction pour toutes les entités (fusionnées)</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="92"/>
        <source>&lt;p&gt;&lt;b&gt;Output folder&lt;/b&gt; (OUTPUT_FOLDER): where the results are downloaded (each feature&apos;s run in its own sub-folder) and merged.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Dossier de sortie&lt;/b&gt; (OUTPUT_FOLDER) : où les résultats sont téléchargés (l&apos;exécution de chaque entité dans son propre sous-dossier) et fusionnés.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="129"/>
        <source>Project {}, scenario {}, activity {}.</source>
        <translation>Projet {}, scénario {}, activité {}.</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="82"/>
        <source>&lt;p&gt;Runs BrightEarth On Demand extractions (buildings, trees, roads, land clutter, terrain) over polygons, waits for them, downloads the results and merges them into one layer per output kind. The service charges credits for each extraction.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Area of interest&lt;/b&gt; (INPUT): polygon features in any CRS (sent in WGS 84); with &quot;Selected features only&quot; only the selection is used.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Extractions&lt;/b&gt; (MODE): 0 = one extraction per feature (a project and a scenario for each, results merged together), 1 = one extraction for all features (their union as a single area).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Extraction name&lt;/b&gt; (NAME) names the project and scenario; with &lt;b&gt;name field&lt;/b&gt; (NAME_FIELD) each feature&apos;s value names its extraction.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Lance des extractions BrightEarth On Demand (bâti, végétation, routes, occupation du sol, terrain) sur des polygones, attend leur fin, télécharge les résultats et les fusionne en une couche par type de sortie. Le service décompte des crédits pour chaque extraction.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Zone d&apos;intérêt&lt;/b&gt; (INPUT) : des entités polygonales dans n&apos;importe quel SCR (envoyées en WGS 84) ; avec « Entités sélectionnées uniquement », seule la sélection est utilisée.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Extractions&lt;/b&gt; (MODE) : 0 = une extraction par entité (un projet et un scénario pour chacune, résultats fusionnés ensemble), 1 = une seule extraction pour toutes les entités (leur union comme zone unique).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Nom de l&apos;extraction&lt;/b&gt; (NAME) nomme le projet et le scénario ; avec le &lt;b&gt;champ de nom&lt;/b&gt; (NAME_FIELD), la valeur de chaque entité nomme son extraction.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="142"/>
        <location filename="../processing_provider/run_extraction.py" line="154"/>
        <source>Extraction &quot;{}&quot; failed: {}</source>
        <translation>L&apos;extraction « {} » a échoué : {}</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="142"/>
        <source>The area of &quot;{}&quot; cannot be sent: {}</source>
        <translation>La zone de « {} » ne peut pas être envoyée : {}</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="151"/>
        <source>Project {}, scenario {}: use &quot;Download scenario results&quot; once it is finished.</source>
        <translation>Projet {}, scénario {} : utilisez « Télécharger les résultats d&apos;un scénario » une fois qu&apos;il est terminé.</translation>
    </message>
    <message>
        <location filename="../processing_provider/scenario_parameters.py" line="30"/>
        <source>&lt;p&gt;&lt;b&gt;Scenario&lt;/b&gt; (the defaults are those of the BEOD tutorial):&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Source image type&lt;/b&gt; (SOURCE_IMAGE_TYPE): the kind of imagery; &lt;i&gt;basemap&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Source image id&lt;/b&gt; (SOURCE_IMAGE_ID): the basemap id; 1 is the global ESRI basemap.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Augmented buildings&lt;/b&gt; (AUGMENTED): augment the output buildings.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Output CRS&lt;/b&gt; (OUTPUT_CRS): 0 = EPSG:3857 (Web Mercator), 1 = EPSG:4326 (WGS 84).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Vector formats&lt;/b&gt; (VECTOR_FORMATS): 0 = Shapefile, 1 = GeoPackage; several allowed.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Raster formats&lt;/b&gt; (RASTER_FORMATS): 0 = GeoTIFF.&lt;/li&gt;&lt;li&gt;&lt;b&gt;3D formats&lt;/b&gt; (THREE_D_FORMATS): 0 = 3D Tiles of buildings and trees (the only 3D format of non-augmented scenarios); none selected = no 3D output.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Deep-learning models&lt;/b&gt; (DL_MODELS): alternate model names, comma-separated; empty = the default models.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Scénario&lt;/b&gt; (les valeurs par défaut sont celles du tutoriel BEOD) :&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Type d&apos;image source&lt;/b&gt; (SOURCE_IMAGE_TYPE) : le type d&apos;imagerie ; &lt;i&gt;basemap&lt;/i&gt; (fond de carte).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Identifiant de l&apos;image source&lt;/b&gt; (SOURCE_IMAGE_ID) : l&apos;identifiant du fond de carte ; 1 est le fond de carte mondial ESRI.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Bâti augmenté&lt;/b&gt; (AUGMENTED) : enrichir le bâti produit.&lt;/li&gt;&lt;li&gt;&lt;b&gt;SCR de sortie&lt;/b&gt; (OUTPUT_CRS) : 0 = EPSG:3857 (Web Mercator), 1 = EPSG:4326 (WGS 84).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Formats vecteur&lt;/b&gt; (VECTOR_FORMATS) : 0 = Shapefile, 1 = GeoPackage ; plusieurs possibles.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Formats raster&lt;/b&gt; (RASTER_FORMATS) : 0 = GeoTIFF.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Formats 3D&lt;/b&gt; (THREE_D_FORMATS) : 0 = 3D Tiles du bâti et de la végétation (le seul format 3D des scénarios non augmentés) ; aucun choisi = pas de sortie 3D.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Modèles d&apos;apprentissage profond&lt;/b&gt; (DL_MODELS) : noms de modèles alternatifs, séparés par des virgules ; vide = les modèles par défaut.&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/scenario_parameters.py" line="47"/>
        <source>Source image type</source>
        <translation>Type d&apos;image source</translation>
    </message>
    <message>
        <location filename="../processing_provider/scenario_parameters.py" line="49"/>
        <source>Source image id (1 = global ESRI basemap)</source>
        <translation>Identifiant de l&apos;image source (1 = fond de carte mondial ESRI)</translation>
    </message>
    <message>
        <location filename="../processing_provider/scenario_parameters.py" line="52"/>
        <source>Augmented buildings</source>
        <translation>Bâti augmenté</translation>
    </message>
    <message>
        <location filename="../processing_provider/scenario_parameters.py" line="54"/>
        <source>Output CRS</source>
        <translation>SCR de sortie</translation>
    </message>
    <message>
        <location filename="../processing_provider/scenario_parameters.py" line="57"/>
        <source>Vector formats</source>
        <translation>Formats vecteur</translation>
    </message>
    <message>
        <location filename="../processing_provider/scenario_parameters.py" line="60"/>
        <source>Raster formats</source>
        <translation>Formats raster</translation>
    </message>
    <message>
        <location filename="../processing_provider/scenario_parameters.py" line="63"/>
        <source>3D formats</source>
        <translation>Formats 3D</translation>
    </message>
    <message>
        <location filename="../processing_provider/scenario_parameters.py" line="66"/>
        <source>Deep-learning models (comma-separated; empty = defaults)</source>
        <translation>Modèles d&apos;apprentissage profond (séparés par des virgules ; vide = par défaut)</translation>
    </message>
    <message>
        <location filename="../processing_provider/scenario_parameters.py" line="55"/>
        <location filename="../ui/settings_panel.py" line="38"/>
        <source>EPSG:3857 (Web Mercator)</source>
        <translation>EPSG:3857 (Web Mercator)</translation>
    </message>
    <message>
        <location filename="../processing_provider/scenario_parameters.py" line="55"/>
        <location filename="../ui/settings_panel.py" line="39"/>
        <source>EPSG:4326 (WGS 84)</source>
        <translation>EPSG:4326 (WGS 84)</translation>
    </message>
    <message>
        <location filename="../processing_provider/scenario_parameters.py" line="57"/>
        <source>Shapefile</source>
        <translation>Shapefile</translation>
    </message>
    <message>
        <location filename="../processing_provider/scenario_parameters.py" line="57"/>
        <source>GeoPackage</source>
        <translation>GeoPackage</translation>
    </message>
    <message>
        <location filename="../processing_provider/scenario_parameters.py" line="60"/>
        <source>GeoTIFF</source>
        <translation>GeoTIFF</translation>
    </message>
    <message>
        <location filename="../processing_provider/scenario_parameters.py" line="63"/>
        <source>3D Tiles</source>
        <translation>3D Tiles</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="115"/>
        <source>Signed out. The remembered password was removed.</source>
        <translation>Déconnecté. Le mot de passe mémorisé a été supprimé.</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="130"/>
        <source>BrightEarth On Demand: credits</source>
        <translation>BrightEarth On Demand : crédits</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="157"/>
        <source>Signing in to {}…</source>
        <translation>Connexion à {}…</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="159"/>
        <source>BrightEarth On Demand: sign in</source>
        <translation>BrightEarth On Demand : connexion</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="232"/>
        <source>Signed in as &lt;b&gt;{}&lt;/b&gt;&lt;br&gt;Credits: &lt;b&gt;{}&lt;/b&gt;</source>
        <translation>Connecté en tant que &lt;b&gt;{}&lt;/b&gt;&lt;br&gt;Crédits : &lt;b&gt;{}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="86"/>
        <source>Enter your email and password, then click Sign in.</source>
        <translation>Saisissez votre e-mail et votre mot de passe, puis cliquez sur Se connecter.</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="171"/>
        <source>Sign in failed: {}</source>
        <translation>Échec de la connexion : {}</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="219"/>
        <source>The server changed: sign in again.</source>
        <translation>Le serveur a changé : reconnectez-vous.</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="237"/>
        <source>Not signed in.</source>
        <translation>Non connecté.</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="234"/>
        <source>Server: {}</source>
        <translation>Serveur : {}</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="44"/>
        <source>Several areas: one outline</source>
        <translation>Plusieurs zones : un seul contour</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="45"/>
        <source>Features that do not touch are joined by the outline around them: one extraction</source>
        <translation>Les entités disjointes sont réunies par le contour qui les entoure : une seule extraction</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="47"/>
        <source>Several areas: one run each</source>
        <translation>Plusieurs zones : une extraction chacune</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="48"/>
        <source>Features that do not touch get one extraction each</source>
        <translation>Chaque entité disjointe a sa propre extraction</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="168"/>
        <source>valid (repaired)</source>
        <translation>valide (réparée)</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="168"/>
        <source>valid</source>
        <translation>valide</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="171"/>
        <source>Area: &lt;b&gt;{} km²&lt;/b&gt; · {} vertices · {}</source>
        <translation>Surface : &lt;b&gt;{} km²&lt;/b&gt; · {} sommets · {}</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="135"/>
        <source>Click on the map to add corners; right-click or double-click to finish; Backspace removes the last corner; Esc cancels.</source>
        <translation>Cliquez sur la carte pour ajouter des sommets ; clic droit ou double-clic pour terminer ; Retour arrière supprime le dernier sommet ; Échap annule.</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="166"/>
        <source>No area yet: draw one, pick a layer or use the map extent.</source>
        <translation>Pas encore de zone : dessinez-en une, choisissez une couche ou utilisez l&apos;emprise de la carte.</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="175"/>
        <source>{} extractions will run, one per area.</source>
        <translation>{} extractions seront lancées, une par zone.</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="184"/>
        <source>The previous area is kept.</source>
        <translation>La zone précédente est conservée.</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="134"/>
        <source>Sign in first (section 1).</source>
        <translation>Connectez-vous d&apos;abord (section 1).</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="136"/>
        <source>Choose an area of interest first (section 2).</source>
        <translation>Choisissez d&apos;abord une zone d&apos;intérêt (section 2).</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="89"/>
        <source>{} ({} of {})</source>
        <translation>{} ({} sur {})</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="104"/>
        <source>{} extraction(s) started. You can keep working; progress is under Jobs.</source>
        <translation>{} extraction(s) lancée(s). Vous pouvez continuer à travailler ; la progression est dans Tâches.</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="141"/>
        <source>Start the extraction on BrightEarth On Demand</source>
        <translation>Lancer l&apos;extraction sur BrightEarth On Demand</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="168"/>
        <source>Credits: {} before, {} now.</source>
        <translation>Crédits : {} avant, {} maintenant.</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="176"/>
        <source>“{}”: credits {} before, {} after.</source>
        <translation>« {} » : crédits {} avant, {} après.</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="37"/>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="39"/>
        <source>Successful</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="80"/>
        <source>Sign in, then click Refresh to list your past extractions.</source>
        <translation>Connectez-vous, puis cliquez sur Actualiser pour lister vos extractions passées.</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="90"/>
        <source>Loading your projects…</source>
        <translation>Chargement de vos projets…</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="92"/>
        <source>BrightEarth On Demand: history</source>
        <translation>BrightEarth On Demand : historique</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="121"/>
        <source>Downloading “{}” to {}</source>
        <translation>Téléchargement de « {} » dans {}</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="40"/>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="40"/>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="40"/>
        <location filename="../ui/jobs_panel.py" line="20"/>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="41"/>
        <location filename="../ui/jobs_panel.py" line="24"/>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="84"/>
        <source>Sign in first to see your projects.</source>
        <translation>Connectez-vous d&apos;abord pour voir vos projets.</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="104"/>
        <source>Select a successful extraction in the list first.</source>
        <translation>Sélectionnez d&apos;abord une extraction réussie dans la liste.</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="107"/>
        <source>Only a successful extraction can be downloaded (this one is {}).</source>
        <translation>Seule une extraction réussie peut être téléchargée (celle-ci est : {}).</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="111"/>
        <source>Sign in first.</source>
        <translation>Connectez-vous d&apos;abord.</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="151"/>
        <location filename="../ui/history_panel.py" line="153"/>
        <source>Project {}</source>
        <translation>Projet {}</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="154"/>
        <source>Created {}</source>
        <translation>Créé le {}</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="169"/>
        <source>{} project(s), {} extraction(s).</source>
        <translation>{} projet(s), {} extraction(s).</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="171"/>
        <source>No project yet on this account.</source>
        <translation>Pas encore de projet sur ce compte.</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="160"/>
        <source>Scenario {}</source>
        <translation>Scénario {}</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="162"/>
        <location filename="../ui/jobs_panel.py" line="126"/>
        <source>Project {}, scenario {}</source>
        <translation>Projet {}, scénario {}</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="115"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="116"/>
        <source>Stop this job (an extraction already started keeps running on the server)</source>
        <translation>Arrêter cette tâche (une extraction déjà lancée continue sur le serveur)</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="22"/>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="25"/>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="26"/>
        <source>Interrupted</source>
        <translation>Interrompu</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="50"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="50"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="50"/>
        <source>Progress</source>
        <translation>Progrès</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="50"/>
        <source>Time</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="128"/>
        <source>Folder: {}</source>
        <translation>Dossier : {}</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="16"/>
        <source>Wrong email or password. Check them and sign in again.</source>
        <translation>E-mail ou mot de passe incorrect. Vérifiez-les et reconnectez-vous.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="18"/>
        <source>Cannot reach the BrightEarth On Demand server ({}). Check the internet connection, the proxy (Settings &gt; Options &gt; Network) and the server under Account &gt; Advanced.</source>
        <translation>Le serveur BrightEarth On Demand est injoignable ({}). Vérifiez la connexion internet, le proxy (Préférences &gt; Options &gt; Réseau) et le serveur dans Compte &gt; Avancé.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="24"/>
        <source>The server had a problem; try again in a few minutes. ({})</source>
        <translation>Le serveur a rencontré un problème ; réessayez dans quelques minutes. ({})</translation>
    </message>
    <message>
        <location filename="../ui/settings_panel.py" line="98"/>
        <location filename="../ui/settings_panel.py" line="40"/>
        <source>Extraction {}</source>
        <translation>Extraction {}</translation>
    </message>
    <message>
        <location filename="../ui/settings_panel.py" line="108"/>
        <source>Choose at least one output format in Extraction settings.</source>
        <translation>Choisissez au moins un format de sortie dans Paramètres d&apos;extraction.</translation>
    </message>
    <message>
        <location filename="../ui/settings_panel.py" line="110"/>
        <source>Choose the folder where the results are saved (Extraction settings &gt; Save to).</source>
        <translation>Choisissez le dossier où enregistrer les résultats (Paramètres d&apos;extraction &gt; Enregistrer dans).</translation>
    </message>
    <message>
        <location filename="../ui/settings_panel.py" line="136"/>
        <source>Folder for the extraction results</source>
        <translation>Dossier des résultats d&apos;extraction</translation>
    </message>
    <message>
        <location filename="../core/styles/building.qml" line="0"/>
        <source>up to 6 m</source>
        <translation>jusqu&apos;à 6 m</translation>
    </message>
    <message>
        <location filename="../core/styles/building.qml" line="0"/>
        <source>6 to 12 m</source>
        <translation>6 à 12 m</translation>
    </message>
    <message>
        <location filename="../core/styles/building.qml" line="0"/>
        <source>12 to 20 m</source>
        <translation>12 à 20 m</translation>
    </message>
    <message>
        <location filename="../core/styles/building.qml" line="0"/>
        <source>20 to 35 m</source>
        <translation>20 à 35 m</translation>
    </message>
    <message>
        <location filename="../core/styles/building.qml" line="0"/>
        <source>35 to 60 m</source>
        <translation>35 à 60 m</translation>
    </message>
    <message>
        <location filename="../core/styles/building.qml" line="0"/>
        <source>over 60 m</source>
        <translation>plus de 60 m</translation>
    </message>
    <message>
        <source>Not enough credits for this extraction: {}</source>
        <translation type="vanished">Pas assez de crédits pour cette extraction : {}</translation>
    </message>
    <message>
        <source>This account is not allowed to do that: {}</source>
        <translation type="vanished">Ce compte n&apos;est pas autorisé à faire cela : {}</translation>
    </message>
</context>
<context>
    <name>BeodDockBase</name>
    <message>
        <location filename="../ui/dock.ui" line="55"/>
        <source>1. Account</source>
        <translation>1. Compte</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="76"/>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="83"/>
        <source>you@example.com</source>
        <translation>vous@exemple.fr</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="90"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="104"/>
        <source>Keep the email and password in the QGIS authentication database (protected by the QGIS master password) and sign in automatically next time.</source>
        <translation>Conserver l&apos;e-mail et le mot de passe dans la base de données d&apos;authentification de QGIS (protégée par le mot de passe principal de QGIS) et se connecter automatiquement la prochaine fois.</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="107"/>
        <source>Remember me</source>
        <translation>Se souvenir de moi</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="117"/>
        <source>Not signed in.</source>
        <translation>Non connecté.</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="132"/>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="142"/>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="149"/>
        <source>Refresh the credits</source>
        <translation>Actualiser les crédits</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="152"/>
        <source>↻</source>
        <translation>↻</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="161"/>
        <source>Advanced</source>
        <translation>Avancé</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="173"/>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="182"/>
        <source>Address of the BrightEarth On Demand API. Leave the default unless LuxCarta gave you another one.</source>
        <translation>Adresse de l&apos;API BrightEarth On Demand. Gardez la valeur par défaut, sauf si LuxCarta vous en a donné une autre.</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="189"/>
        <source>Back to the production server</source>
        <translation>Revenir au serveur de production</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="192"/>
        <source>Default</source>
        <translation>Par défaut</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="208"/>
        <source>2. Area of interest</source>
        <translation>2. Zone d&apos;intérêt</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="216"/>
        <source>Click on the map to add corners; right-click or double-click to finish; Backspace removes the last corner; Esc cancels.</source>
        <translation>Cliquez sur la carte pour ajouter des sommets ; clic droit ou double-clic pour terminer ; Retour arrière supprime le dernier sommet ; Échap annule.</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="219"/>
        <source>Draw on map</source>
        <translation>Dessiner</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="229"/>
        <source>Use the area currently visible in the map</source>
        <translation>Utiliser la zone actuellement visible sur la carte</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="232"/>
        <source>Map extent</source>
        <translation>Emprise</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="239"/>
        <source>Clear the area of interest</source>
        <translation>Effacer la zone d&apos;intérêt</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="242"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="251"/>
        <source>From a polygon layer</source>
        <translation>À partir d&apos;une couche de polygones</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="272"/>
        <source>Selected features only</source>
        <translation>Entités sélectionnées uniquement</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="279"/>
        <source>What to do when the features form several separate areas</source>
        <translation>Que faire quand les entités forment plusieurs zones distinctes</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="286"/>
        <source>Use layer</source>
        <translation>Utiliser</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="296"/>
        <source>No area yet: draw one, pick a layer or use the map extent.</source>
        <translation>Pas encore de zone : dessinez-en une, choisissez une couche ou utilisez l&apos;emprise de la carte.</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="310"/>
        <source>3. Extraction settings</source>
        <translation>3. Paramètres d&apos;extraction</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="319"/>
        <location filename="../ui/dock.ui" line="556"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="326"/>
        <source>Name of the extraction; also the name of the layer group with its results</source>
        <translation>Nom de l&apos;extraction ; c&apos;est aussi le nom du groupe de couches de ses résultats</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="333"/>
        <source>Imagery</source>
        <translation>Imagerie</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="340"/>
        <source>Source image type (basemap: a global basemap)</source>
        <translation>Type d&apos;image source (basemap : un fond de carte mondial)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="350"/>
        <source>Image id</source>
        <translation>Id. de l&apos;image</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="357"/>
        <source>Source image id: 1 is the global ESRI basemap</source>
        <translation>Identifiant de l&apos;image source : 1 est le fond de carte mondial ESRI</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="373"/>
        <source>Output CRS</source>
        <translation>SCR de sortie</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="383"/>
        <source>Vectors</source>
        <translation>Vecteurs</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="392"/>
        <source>Shapefile</source>
        <translation>Shapefile</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="402"/>
        <source>GeoPackage</source>
        <translation>GeoPackage</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="414"/>
        <source>Rasters</source>
        <translation>Rasters</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="421"/>
        <source>GeoTIFF</source>
        <translation>GeoTIFF</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="431"/>
        <source>3D</source>
        <translation>3D</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="438"/>
        <source>3D buildings and trees as 3D Tiles (the only 3D format for non-augmented extractions)</source>
        <translation>Bâti et végétation en 3D au format 3D Tiles (le seul format 3D des extractions non augmentées)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="441"/>
        <source>3D Tiles</source>
        <translation>3D Tiles</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="451"/>
        <source>Augment the output buildings</source>
        <translation>Enrichir le bâti produit</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="454"/>
        <source>Augmented buildings</source>
        <translation>Bâti augmenté</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="461"/>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="468"/>
        <source>Alternate deep-learning models, separated by commas. Leave empty for the default models.</source>
        <translation>Modèles d&apos;apprentissage profond alternatifs, séparés par des virgules. Laissez vide pour les modèles par défaut.</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="471"/>
        <source>default models</source>
        <translation>modèles par défaut</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="478"/>
        <source>Save to</source>
        <translation>Enregistrer dans</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="487"/>
        <source>Folder where the results are downloaded (one sub-folder per extraction)</source>
        <translation>Dossier où les résultats sont téléchargés (un sous-dossier par extraction)</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="494"/>
        <source>Choose the output folder</source>
        <translation>Choisir le dossier de sortie</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="497"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="516"/>
        <source>Run extraction</source>
        <translation>Lancer l&apos;extraction</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="531"/>
        <source>Jobs</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="561"/>
        <location filename="../ui/dock.ui" line="615"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="566"/>
        <source>Progress</source>
        <translation>Progrès</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="571"/>
        <source>Time</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="588"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="610"/>
        <source>Project / extraction</source>
        <translation>Projet / extraction</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="625"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="632"/>
        <source>Download the results of the selected successful extraction (files already on disk are reused) and add them to the map</source>
        <translation>Télécharger les résultats de l&apos;extraction réussie sélectionnée (les fichiers déjà présents sont réutilisés) et les ajouter à la carte</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="635"/>
        <source>Download and load</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="670"/>
        <source>Open the user guide in your web browser</source>
        <translation>Ouvrir le guide d&apos;utilisation dans votre navigateur web</translation>
    </message>
    <message>
        <location filename="../ui/dock.ui" line="673"/>
        <source>Help</source>
        <translation>Aide</translation>
    </message>
</context>
</TS>
