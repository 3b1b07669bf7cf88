<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>BEOD</name>
    <message>
        <location filename="../core/aoi_sources.py" line="167"/>
        <source>{} feature(s) of “{}”</source>
        <translation>{} entité(s) de « {} »</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="122"/>
        <source>Drawn on the map</source>
        <translation>Dessinée sur la carte</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="136"/>
        <source>Map extent</source>
        <translation>Emprise de la carte</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="157"/>
        <source>{} separate areas of “{}”</source>
        <translation>{} zones distinctes de « {} »</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="88"/>
        <source>The coordinate reference system of the area is unknown: set it first.</source>
        <translation>Le système de coordonnées de référence (SCR) de la zone est inconnu : définissez-le d&apos;abord.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="119"/>
        <source>Place at least three points to draw an area.</source>
        <translation>Placez au moins trois points pour dessiner une zone.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="128"/>
        <source>The map extent is empty: zoom to the area first.</source>
        <translation>L&apos;emprise de la carte est vide : zoomez d&apos;abord sur la zone.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="134"/>
        <source>The map shows (almost) the whole world: zoom in on the place to extract, then click “Map extent” again.</source>
        <translation>La carte montre le monde (presque) entier : zoomez sur le lieu à extraire, puis cliquez de nouveau sur « Emprise ».</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="153"/>
        <source>The features of “{}” have no usable polygon area.</source>
        <translation>Les entités de « {} » n&apos;ont aucune surface polygonale utilisable.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="156"/>
        <source>{} separate areas: one extraction each.</source>
        <translation>{} zones distinctes : une extraction pour chacune.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="162"/>
        <source>The {} separate areas were joined by the outline enclosing them.</source>
        <translation>Les {} zones distinctes ont été réunies par le contour qui les englobe.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="184"/>
        <source>Choose a polygon layer of the project.</source>
        <translation>Choisissez une couche de polygones du projet.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="187"/>
        <source>“{}” is not a polygon layer. Choose a layer with polygons, draw the area on the map or use the map extent.</source>
        <translation>« {} » n&apos;est pas une couche de polygones. Choisissez une couche de polygones, dessinez la zone sur la carte ou utilisez l&apos;emprise de la carte.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="212"/>
        <source>“{}” has no feature with a geometry.</source>
        <translation>« {} » n&apos;a aucune entité avec une géométrie.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="260"/>
        <source>A Python package the plugin needs is missing: {}</source>
        <translation>Un paquet Python nécessaire à l&apos;extension est absent : {}</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="96"/>
        <source>The area could not be transformed to WGS 84 (EPSG:4326): {}</source>
        <translation>La zone n&apos;a pas pu être reprojetée en WGS 84 (EPSG:4326) : {}</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="196"/>
        <source>No feature of “{}” is selected. Select features on the map, or untick “Selected features only” to use the whole layer.</source>
        <translation>Aucune entité de « {} » n&apos;est sélectionnée. Sélectionnez des entités sur la carte, ou décochez « Entités sélectionnées uniquement » pour utiliser toute la couche.</translation>
    </message>
    <message>
        <location filename="../core/aoi_sources.py" line="251"/>
        <location filename="../ui/aoi_panel.py" line="129"/>
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
        <location filename="../core/follower.py" line="37"/>
        <source>Server unreachable for {}, still trying</source>
        <translation>Serveur injoignable depuis {}, nouvelles tentatives en cours</translation>
    </message>
    <message>
        <location filename="../core/follower.py" line="308"/>
        <source>Stopped following: the run goes on on the server and is charged. Download it here or from History when it finishes.</source>
        <translation>Suivi arrêté : l&apos;extraction continue sur le serveur et est facturée. Téléchargez-la ici ou depuis l&apos;Historique quand elle sera terminée.</translation>
    </message>
    <message>
        <location filename="../core/follower.py" line="289"/>
        <location filename="../core/tasks.py" line="148"/>
        <source>BrightEarth On Demand: {}</source>
        <translation>BrightEarth On Demand : {}</translation>
    </message>
    <message>
        <location filename="../core/follower.py" line="223"/>
        <source>The account could not sign in ({}). The run goes on on the server: sign in again, then download it from History.</source>
        <translation>Le compte n&apos;a pas pu se connecter ({}). L&apos;extraction continue sur le serveur : reconnectez-vous, puis téléchargez-la depuis l&apos;Historique.</translation>
    </message>
    <message>
        <location filename="../core/follower.py" line="226"/>
        <source>Following the run failed: {}. It may still go on on the server: see History.</source>
        <translation>Le suivi de l&apos;extraction a échoué : {}. Elle continue peut-être sur le serveur : voyez l&apos;Historique.</translation>
    </message>
    <message>
        <location filename="../core/follower.py" line="259"/>
        <source>The extraction failed on the server: {}</source>
        <translation>L&apos;extraction a échoué sur le serveur : {}</translation>
    </message>
    <message>
        <location filename="../core/follower.py" line="258"/>
        <source>no details given</source>
        <translation>sans précision</translation>
    </message>
    <message>
        <location filename="../core/follower.py" line="209"/>
        <source>Stopped following: {} The run goes on on the server; download it from History or with Download here when it is back.</source>
        <translation>Suivi arrêté : {} L&apos;extraction continue sur le serveur ; téléchargez-la depuis l&apos;Historique ou avec Télécharger ici quand le serveur sera de retour.</translation>
    </message>
    <message>
        <location filename="../core/follower.py" line="245"/>
        <source>{}: {} {} %</source>
        <translation>{} : {} {} %</translation>
    </message>
    <message>
        <location filename="../core/follower.py" line="251"/>
        <source>“{}” finished on the server: click Download in the Jobs list to get its results.</source>
        <translation>« {} » est terminée sur le serveur : cliquez sur Télécharger dans la liste des Tâches pour obtenir ses résultats.</translation>
    </message>
    <message>
        <location filename="../core/follower.py" line="303"/>
        <location filename="../core/tasks.py" line="369"/>
        <source>Could not close the connection: {}</source>
        <translation>Impossible de fermer la connexion : {}</translation>
    </message>
    <message>
        <location filename="../core/follower.py" line="167"/>
        <source>Following {} failed: {}</source>
        <translation>Le suivi de {} a échoué : {}</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="126"/>
        <source>Terrain (hillshade)</source>
        <translation>Terrain (ombrage)</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="134"/>
        <location filename="../core/results_3d.py" line="582"/>
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
        <location filename="../core/results_3d.py" line="208"/>
        <source>Buildings</source>
        <translation>Bâti</translation>
    </message>
    <message>
        <location filename="../core/layer_kinds.py" line="102"/>
        <location filename="../core/results_3d.py" line="222"/>
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
        <location filename="../core/results.py" line="75"/>
        <location filename="../core/results_stream.py" line="313"/>
        <source>No results were found in {}.</source>
        <translation>Aucun résultat n&apos;a été trouvé dans {}.</translation>
    </message>
    <message>
        <location filename="../core/results.py" line="113"/>
        <source>{} could not be replaced (is it open in another program?); the new merge is {}.</source>
        <translation>{} n&apos;a pas pu être remplacé (est-il ouvert dans un autre programme ?) ; la nouvelle fusion est {}.</translation>
    </message>
    <message>
        <location filename="../core/results_3d.py" line="356"/>
        <source>Terrain (3D elevation)</source>
        <translation>Terrain (élévation 3D)</translation>
    </message>
    <message>
        <location filename="../core/results_3d.py" line="229"/>
        <source>up to {} m</source>
        <translation>jusqu&apos;à {} m</translation>
    </message>
    <message>
        <location filename="../core/results_3d.py" line="229"/>
        <source>over {} m</source>
        <translation>plus de {} m</translation>
    </message>
    <message>
        <location filename="../core/results_3d.py" line="235"/>
        <source>height unknown</source>
        <translation>hauteur inconnue</translation>
    </message>
    <message>
        <location filename="../core/results_3d.py" line="650"/>
        <source>The 3D view could not be drawn to {} (error {}).</source>
        <translation>La vue 3D n&apos;a pas pu être rendue dans {} (erreur {}).</translation>
    </message>
    <message>
        <location filename="../core/results_3d.py" line="685"/>
        <source>The 3D view of the results could not be prepared: {}</source>
        <translation>La vue 3D des résultats n&apos;a pas pu être préparée : {}</translation>
    </message>
    <message>
        <location filename="../core/results_files.py" line="59"/>
        <source>unreadable file</source>
        <translation>fichier illisible</translation>
    </message>
    <message>
        <location filename="../core/results_files.py" line="122"/>
        <source>{} was not written by a BEOD merge and was left as it is; the merged layer is {}.</source>
        <translation>{} n&apos;a pas été écrit par une fusion BEOD et a été laissé tel quel ; la couche fusionnée est {}.</translation>
    </message>
    <message>
        <location filename="../core/results_load.py" line="237"/>
        <location filename="../core/results_load.py" line="235"/>
        <source>{} (run {})</source>
        <translation>{} (exécution {})</translation>
    </message>
    <message>
        <location filename="../core/results_load.py" line="231"/>
        <source>{} ({})</source>
        <translation>{} ({})</translation>
    </message>
    <message>
        <location filename="../core/results_load.py" line="73"/>
        <source>The style {} could not be applied to {}: {}</source>
        <translation>Le style {} n&apos;a pas pu être appliqué à {} : {}</translation>
    </message>
    <message>
        <location filename="../core/results_load.py" line="154"/>
        <source>{} could not be opened from {}.</source>
        <translation>{} n&apos;a pas pu être ouvert depuis {}.</translation>
    </message>
    <message>
        <location filename="../core/results_load.py" line="96"/>
        <source>{} m</source>
        <translation>{} m</translation>
    </message>
    <message>
        <location filename="../core/results_load.py" line="277"/>
        <source>3D Tiles were saved but not added to the map: QGIS {} cannot display them (QGIS 3.34 or newer can). They are in the run&apos;s folder: {}.</source>
        <translation>Les 3D Tiles ont été enregistrées mais pas ajoutées à la carte : QGIS {} ne sait pas les afficher (QGIS 3.34 ou plus récent le peut). Elles sont dans le dossier de l&apos;extraction : {}.</translation>
    </message>
    <message>
        <location filename="../core/results_load.py" line="342"/>
        <source>No results could be loaded from {}.</source>
        <translation>Aucun résultat n&apos;a pu être chargé depuis {}.</translation>
    </message>
    <message>
        <location filename="../core/results_load.py" line="272"/>
        <source>The 3D Tiles in {} could not be opened.</source>
        <translation>Les 3D Tiles de {} n&apos;ont pas pu être ouvertes.</translation>
    </message>
    <message>
        <location filename="../core/results_merge.py" line="50"/>
        <location filename="../core/results_merge.py" line="112"/>
        <location filename="../core/results_mosaic.py" line="92"/>
        <location filename="../core/results_stream_mosaic.py" line="72"/>
        <location filename="../core/results_stream_mosaic.py" line="101"/>
        <source>Skipped {}: {}</source>
        <translation>{} ignoré : {}</translation>
    </message>
    <message>
        <location filename="../core/results_merge.py" line="45"/>
        <source>{} cannot be read; {} was used instead.</source>
        <translation>{} est illisible ; {} a été utilisé à la place.</translation>
    </message>
    <message>
        <location filename="../core/results_merge.py" line="90"/>
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
        <location filename="../core/results_stream.py" line="243"/>
        <source>Merging while downloading stopped ({}); the tiles are merged now.</source>
        <translation>La fusion pendant le téléchargement s&apos;est arrêtée ({}) ; les tuiles sont fusionnées maintenant.</translation>
    </message>
    <message>
        <location filename="../core/results_tiles.py" line="133"/>
        <source>The 3D tilesets of {} have no bounding volume that can be combined.</source>
        <translation>Les jeux de tuiles 3D de {} n&apos;ont pas de volume englobant qui puisse être combiné.</translation>
    </message>
    <message>
        <location filename="../core/results_tiles.py" line="106"/>
        <location filename="../core/results_tiles.py" line="117"/>
        <source>Skipped the 3D tileset {}: it cannot be read.</source>
        <translation>Jeu de tuiles 3D {} ignoré : il est illisible.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="871"/>
        <source>Waiting for sign-in: sign in (section 1 of the panel) and it resumes by itself.</source>
        <translation>En attente de connexion : connectez-vous (section 1 du panneau) et le suivi reprendra de lui-même.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="63"/>
        <source>Signing in</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="64"/>
        <source>Creating the project</source>
        <translation>Création du projet</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="65"/>
        <source>Sending the area of interest</source>
        <translation>Envoi de la zone d&apos;intérêt</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="66"/>
        <source>Starting the extraction</source>
        <translation>Lancement de l&apos;extraction</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="67"/>
        <source>Extracting on the server</source>
        <translation>Extraction sur le serveur</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="68"/>
        <source>Downloading results</source>
        <translation>Téléchargement des résultats</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="69"/>
        <source>Merging tiles</source>
        <translation>Fusion des tuiles</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="70"/>
        <source>Loading layers</source>
        <translation>Chargement des couches</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="71"/>
        <location filename="../ui/jobs_panel.py" line="45"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="118"/>
        <source>Cost: {} credits (balance {} before, {} after).</source>
        <translation>Coût : {} crédits (solde de {} avant, {} après).</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="121"/>
        <source>Cost: cannot be told apart from other runs of the account started at the same time; the account shows the balance.</source>
        <translation>Coût : impossible à distinguer de celui d&apos;autres extractions du compte lancées en même temps ; le compte indique le solde.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="376"/>
        <location filename="../ui/messages.py" line="40"/>
        <source>Unexpected error ({}): {}</source>
        <translation>Erreur inattendue ({}) : {}</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="493"/>
        <source>{} layer(s) loaded in the group &quot;{}&quot;: {}.</source>
        <translation>{} couche(s) chargée(s) dans le groupe « {} » : {}.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="505"/>
        <source>{} finished: {}</source>
        <translation>{} terminé : {}</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="514"/>
        <source>Open folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="524"/>
        <location filename="../core/tasks.py" line="731"/>
        <source>BrightEarth On Demand: {} finished</source>
        <translation>BrightEarth On Demand : {} terminé</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="721"/>
        <source>Results ready: they will be added to {} when you open it.</source>
        <translation>Résultats prêts : ils seront ajoutés à {} quand vous l&apos;ouvrirez.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="88"/>
        <source>Sign in to BrightEarth On Demand first.</source>
        <translation>Connectez-vous d&apos;abord à BrightEarth On Demand.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="457"/>
        <source>The run failed.</source>
        <translation>L&apos;exécution a échoué.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="459"/>
        <source>BrightEarth On Demand: {} failed</source>
        <translation>BrightEarth On Demand : échec de {}</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="496"/>
        <source>The run finished; its 3D Tiles are saved in {} (this QGIS cannot show them).</source>
        <translation>L&apos;extraction est terminée ; ses 3D Tiles sont enregistrées dans {} (cette version de QGIS ne sait pas les afficher).</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="499"/>
        <source>The run finished but returned no layer to load.</source>
        <translation>L&apos;exécution s&apos;est terminée sans renvoyer de couche à charger.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="528"/>
        <source>Zoom to results</source>
        <translation>Zoomer sur les résultats</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="727"/>
        <location filename="../ui/jobs_panel.py" line="215"/>
        <source>{}: {}</source>
        <translation>{} : {}</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="732"/>
        <source>It was started from {}, which is not open now.</source>
        <translation>Elle a été lancée depuis {}, qui n&apos;est pas ouvert actuellement.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="734"/>
        <source>Open {}</source>
        <translation>Ouvrir {}</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="738"/>
        <source>Load into this project</source>
        <translation>Charger dans ce projet</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="901"/>
        <location filename="../core/tasks.py" line="435"/>
        <source>Interrupted before the server started it: run it again.</source>
        <translation>Interrompu avant que le serveur ne le lance : relancez-le.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="924"/>
        <source>Resuming {} (scenario {}).</source>
        <translation>Reprise de {} (scénario {}).</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="328"/>
        <location filename="../core/tasks.py" line="320"/>
        <location filename="../core/tasks.py" line="323"/>
        <location filename="../processing_provider/download_results.py" line="77"/>
        <location filename="../processing_provider/outputs.py" line="96"/>
        <location filename="../processing_provider/run_extraction.py" line="181"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="349"/>
        <source>Could not write the results to {}: {}. Choose another output folder.</source>
        <translation>Impossible d&apos;écrire les résultats dans {} : {}. Choisissez un autre dossier de sortie.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="389"/>
        <source>The results could not be loaded: {}</source>
        <translation>Les résultats n&apos;ont pas pu être chargés : {}</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="432"/>
        <source>Interrupted: it will be followed again when QGIS starts.</source>
        <translation>Interrompu : le suivi reprendra au prochain démarrage de QGIS.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="442"/>
        <source>{} was cancelled.</source>
        <translation>{} a été annulé.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="454"/>
        <location filename="../core/tasks.py" line="392"/>
        <location filename="../plugin.py" line="57"/>
        <location filename="../plugin.py" line="128"/>
        <location filename="../processing_provider/base.py" line="44"/>
        <location filename="../processing_provider/provider.py" line="16"/>
        <location filename="../ui/dock.py" line="51"/>
        <location filename="../ui/master_password.py" line="54"/>
        <location filename="../ui/view3d.py" line="88"/>
        <source>BrightEarth On Demand</source>
        <translation>BrightEarth On Demand</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="853"/>
        <source>“{}” is already being downloaded into {}; wait for it to end.</source>
        <translation>« {} » est déjà en cours de téléchargement dans {} ; attendez la fin.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="198"/>
        <source>Getting the 3D view ready failed ({}); the results will load all the same.</source>
        <translation>La préparation de la vue 3D a échoué ({}) ; les résultats seront chargés quand même.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="344"/>
        <source>{} failed: {}</source>
        <translation>Échec de {} : {}</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="447"/>
        <source>{}: download stopped. Click Download in the Jobs list to go on.</source>
        <translation>{} : téléchargement arrêté. Cliquez sur Télécharger dans la liste des Tâches pour le poursuivre.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="451"/>
        <source>{}: the download was interrupted by QGIS; it goes on at the next start (or click Resume in the Jobs list).</source>
        <translation>{} : le téléchargement a été interrompu par QGIS ; il reprendra au prochain démarrage (ou cliquez sur Reprendre dans la liste des Tâches).</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="341"/>
        <source>To resume it: in the dock&apos;s History list, select “{}” and click “Download and load”; the files already received are kept.</source>
        <translation>Pour le reprendre : dans la liste Historique du panneau, sélectionnez « {} » et cliquez sur « Télécharger » ; les fichiers déjà reçus sont conservés.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="444"/>
        <source>Nothing was started on the server, nothing is charged.</source>
        <translation>Rien n&apos;a été lancé sur le serveur, rien n&apos;est facturé.</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="38"/>
        <source>&amp;BrightEarth On Demand</source>
        <translation>&amp;BrightEarth On Demand</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="59"/>
        <source>Extract buildings, trees, roads and terrain with BrightEarth On Demand</source>
        <translation>Extraire le bâti, la végétation, les routes et le terrain avec BrightEarth On Demand</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="48"/>
        <source>Processing algorithms unavailable: {}</source>
        <translation>Algorithmes de traitement indisponibles : {}</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="73"/>
        <source>3D views unavailable: {}</source>
        <translation>Vues 3D indisponibles : {}</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="116"/>
        <source>Dependency check unavailable: {}</source>
        <translation>Vérification des dépendances indisponible : {}</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="136"/>
        <source>Background runs unavailable: {}</source>
        <translation>Exécutions en arrière-plan indisponibles : {}</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="144"/>
        <source>Runs left unfinished when QGIS closed could not be resumed: {}</source>
        <translation>Les exécutions inachevées à la fermeture de QGIS n&apos;ont pas pu être reprises : {}</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="97"/>
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
        <location filename="../processing_provider/download_results.py" line="28"/>
        <source>Download scenario results</source>
        <translation>Télécharger les résultats d&apos;un scénario</translation>
    </message>
    <message>
        <location filename="../processing_provider/download_results.py" line="52"/>
        <source>&lt;p&gt;&lt;b&gt;Example&lt;/b&gt; (command line):&lt;br&gt;&lt;code&gt;qgis_process run beod:downloadresults -- PROJECT_ID=789 SCENARIO_ID=543 OUTPUT_FOLDER=/data/run543&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Exemple&lt;/b&gt; (ligne de commande) :&lt;br&gt;&lt;code&gt;qgis_process run beod:downloadresults -- PROJECT_ID=789 SCENARIO_ID=543 OUTPUT_FOLDER=/data/run543&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/download_results.py" line="83"/>
        <source>{} files downloaded to {}.</source>
        <translation>{} fichiers téléchargés dans {}.</translation>
    </message>
    <message>
        <location filename="../processing_provider/download_results.py" line="32"/>
        <location filename="../processing_provider/run_extraction.py" line="82"/>
        <source>Project id</source>
        <translation>Identifiant du projet</translation>
    </message>
    <message>
        <location filename="../processing_provider/download_results.py" line="34"/>
        <location filename="../processing_provider/run_extraction.py" line="83"/>
        <source>Scenario id</source>
        <translation>Identifiant du scénario</translation>
    </message>
    <message>
        <location filename="../processing_provider/download_results.py" line="35"/>
        <location filename="../processing_provider/run_extraction.py" line="75"/>
        <source>Output folder</source>
        <translation>Dossier de sortie</translation>
    </message>
    <message>
        <location filename="../processing_provider/download_results.py" line="37"/>
        <location filename="../processing_provider/run_extraction.py" line="77"/>
        <source>Wait out an unreachable server for at most (hours)</source>
        <translation>Attendre un serveur injoignable au plus (heures)</translation>
    </message>
    <message>
        <location filename="../processing_provider/download_results.py" line="72"/>
        <source>Downloading the results of scenario {}...</source>
        <translation>Téléchargement des résultats du scénario {}...</translation>
    </message>
    <message>
        <location filename="../processing_provider/download_results.py" line="43"/>
        <source>&lt;p&gt;Downloads the results of a finished BrightEarth On Demand scenario (again) and merges them into one layer per output kind, as &quot;Run extraction&quot; does. Files already downloaded completely are not fetched again.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Project id&lt;/b&gt; (PROJECT_ID) and &lt;b&gt;Scenario id&lt;/b&gt; (SCENARIO_ID): shown by &quot;List projects and scenarios&quot; and output by &quot;Run extraction&quot;.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Output folder&lt;/b&gt; (OUTPUT_FOLDER): where the files are downloaded and merged.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Time-out&lt;/b&gt; (MAX_OUTAGE_HOURS, default 24): a network outage or a server error is waited out this long; the download then goes on from the files already there.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Télécharge (à nouveau) les résultats d&apos;un scénario BrightEarth On Demand terminé et les fusionne en une couche par type de sortie, comme « Lancer l&apos;extraction ». Les fichiers déjà entièrement téléchargés ne sont pas récupérés à nouveau.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Identifiant du projet&lt;/b&gt; (PROJECT_ID) et &lt;b&gt;identifiant du scénario&lt;/b&gt; (SCENARIO_ID) : affichés par « Lister les projets et scénarios » et renvoyés par « Lancer l&apos;extraction ».&lt;/p&gt;&lt;p&gt;&lt;b&gt;Dossier de sortie&lt;/b&gt; (OUTPUT_FOLDER) : où les fichiers sont téléchargés et fusionnés.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Délai&lt;/b&gt; (MAX_OUTAGE_HOURS, 24 par défaut) : une coupure du réseau ou une erreur du serveur est attendue pendant cette durée au plus ; le téléchargement reprend ensuite à partir des fichiers déjà présents.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/download_results.py" line="79"/>
        <source>Downloading project {}, scenario {} failed: {}</source>
        <translation>Le téléchargement du projet {}, scénario {} a échoué : {}</translation>
    </message>
    <message>
        <location filename="../processing_provider/list_projects.py" line="56"/>
        <source>List projects and scenarios</source>
        <translation>Lister les projets et les scénarios</translation>
    </message>
    <message>
        <location filename="../processing_provider/list_projects.py" line="69"/>
        <source>&lt;p&gt;&lt;b&gt;Output&lt;/b&gt; (OUTPUT): the table.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Example&lt;/b&gt; (command line):&lt;br&gt;&lt;code&gt;qgis_process run beod:listprojects -- OUTPUT=/data/beod_projects.csv&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Sortie&lt;/b&gt; (OUTPUT) : la table.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Exemple&lt;/b&gt; (ligne de commande) :&lt;br&gt;&lt;code&gt;qgis_process run beod:listprojects -- OUTPUT=/data/beod_projects.csv&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/list_projects.py" line="105"/>
        <source>{} rows.</source>
        <translation>{} lignes.</translation>
    </message>
    <message>
        <location filename="../processing_provider/list_projects.py" line="61"/>
        <source>Projects and scenarios</source>
        <translation>Projets et scénarios</translation>
    </message>
    <message>
        <location filename="../processing_provider/list_projects.py" line="64"/>
        <source>&lt;p&gt;Lists the BrightEarth On Demand projects of the account with their scenarios in a table (no geometry): one row per scenario (a project without scenario has one row with empty scenario fields), with the fields project_id, project_name, project_date, scenario_id, scenario_name and scenario_state.&lt;/p&gt;&lt;p&gt;Use the ids with &quot;Download scenario results&quot;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Liste les projets BrightEarth On Demand du compte avec leurs scénarios dans une table (sans géométrie) : une ligne par scénario (un projet sans scénario a une ligne aux champs de scénario vides), avec les champs project_id, project_name, project_date, scenario_id, scenario_name et scenario_state.&lt;/p&gt;&lt;p&gt;Utilisez les identifiants avec « Télécharger les résultats d&apos;un scénario ».&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/list_projects.py" line="85"/>
        <source>{} projects.</source>
        <translation>{} projets.</translation>
    </message>
    <message>
        <location filename="../processing_provider/list_projects.py" line="102"/>
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
        <location filename="../processing_provider/outputs.py" line="121"/>
        <source>3D tiles of {}: {}</source>
        <translation>Tuiles 3D de {} : {}</translation>
    </message>
    <message>
        <location filename="../processing_provider/outputs.py" line="123"/>
        <source>No result layer was found in {}.</source>
        <translation>Aucune couche de résultat n&apos;a été trouvée dans {}.</translation>
    </message>
    <message>
        <location filename="../processing_provider/outputs.py" line="99"/>
        <source>The results in {} could not be merged: {}</source>
        <translation>Les résultats de {} n&apos;ont pas pu être fusionnés : {}</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="51"/>
        <source>QGIS extraction</source>
        <translation>Extraction QGIS</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="243"/>
        <source>Cost: unknown (the balance could not be read).</source>
        <translation>Coût : inconnu (le solde n&apos;a pas pu être lu).</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="60"/>
        <source>Run extraction</source>
        <translation>Lancer l&apos;extraction</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="240"/>
        <source>Cost: {} credits.</source>
        <translation>Coût : {} crédits.</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="242"/>
        <source>Cost: cannot be told apart from other runs of the account started at the same time.</source>
        <translation>Coût : impossible à distinguer de celui d&apos;autres extractions du compte lancées en même temps.</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="105"/>
        <source>&lt;p&gt;&lt;b&gt;Ids&lt;/b&gt;: PROJECT_ID and SCENARIO_ID of the (last) extraction, and every id in PROJECT_IDS and SCENARIO_IDS; &quot;Download scenario results&quot; fetches them again.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Example&lt;/b&gt; (command line):&lt;br&gt;&lt;code&gt;qgis_process run beod:runextraction -- INPUT=aoi.gpkg MODE=1 NAME=Nice OUTPUT_FOLDER=/data/nice&lt;/code&gt;&lt;/p&gt;&lt;p&gt;Cancelling stops waiting; a scenario already started keeps running on the server and its ids are in the log.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Identifiants&lt;/b&gt; : PROJECT_ID et SCENARIO_ID de la (dernière) extraction, et tous les identifiants dans PROJECT_IDS et SCENARIO_IDS ; « Télécharger les résultats d&apos;un scénario » les récupère à nouveau.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Exemple&lt;/b&gt; (ligne de commande) :&lt;br&gt;&lt;code&gt;qgis_process run beod:runextraction -- INPUT=aoi.gpkg MODE=1 NAME=Nice OUTPUT_FOLDER=/data/nice&lt;/code&gt;&lt;/p&gt;&lt;p&gt;Annuler arrête l&apos;attente ; un scénario déjà lancé continue sur le serveur et ses identifiants sont dans le journal.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="255"/>
        <source>The area of &quot;{}&quot; is empty.</source>
        <translation>La zone de « {} » est vide.</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="260"/>
        <source>&quot;{}&quot;: the {} separate areas are joined by the outline enclosing them; choose one extraction per feature to extract them separately.</source>
        <translation>« {} » : les {} zones distinctes sont réunies par le contour qui les englobe ; choisissez une extraction par entité pour les extraire séparément.</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="64"/>
        <source>Area of interest (polygons)</source>
        <translation>Zone d&apos;intérêt (polygones)</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="66"/>
        <source>Extractions</source>
        <translation>Extractions</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="70"/>
        <source>Extraction name</source>
        <translation>Nom de l&apos;extraction</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="72"/>
        <source>Take each extraction&apos;s name from this field (one per feature)</source>
        <translation>Prendre le nom de chaque extraction dans ce champ (une par entité)</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="84"/>
        <source>Project ids (comma-separated)</source>
        <translation>Identifiants des projets (séparés par des virgules)</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="85"/>
        <source>Scenario ids (comma-separated)</source>
        <translation>Identifiants des scénarios (séparés par des virgules)</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="128"/>
        <source>The output folder {} already holds files: they are kept as they are, and a folder holding another extraction&apos;s results is refused. Choose an empty folder to keep runs apart.</source>
        <translation>Le dossier de sortie {} contient déjà des fichiers : ils sont conservés tels quels, et un dossier contenant les résultats d&apos;une autre extraction est refusé. Choisissez un dossier vide pour garder les extractions séparées.</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="183"/>
        <source>Every extraction failed ({}).</source>
        <translation>Toutes les extractions ont échoué ({}).</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="185"/>
        <source>{} of {} extractions failed: {}; the results of the others follow.</source>
        <translation>{} extractions sur {} ont échoué : {} ; les résultats des autres suivent.</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="201"/>
        <source>Cancelled. Project {}, scenario {} may still run on the server: fetch its results later with &quot;Download scenario results&quot;.</source>
        <translation>Annulé. Le projet {}, scénario {} peut encore s&apos;exécuter sur le serveur : récupérez ses résultats plus tard avec « Télécharger les résultats d&apos;un scénario ».</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="231"/>
        <source>The area of interest has no polygon feature.</source>
        <translation>La zone d&apos;intérêt n&apos;a aucune entité polygonale.</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="142"/>
        <source>Extraction {} of {}: &quot;{}&quot;.</source>
        <translation>Extraction {} sur {} : « {} ».</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="222"/>
        <source>Feature {} has no polygon: skipped.</source>
        <translation>L&apos;entité {} n&apos;a pas de polygone : ignorée.</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="67"/>
        <source>One extraction per feature</source>
        <translation>Une extraction par entité</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="67"/>
        <source>One extraction for all features (merged)</source>
        <translation>Une seule extraction pour toutes les entités (fusionnées)</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="98"/>
        <source>&lt;p&gt;&lt;b&gt;Output folder&lt;/b&gt; (OUTPUT_FOLDER): where the results are downloaded (each feature&apos;s run in its own sub-folder) and merged.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Time-out&lt;/b&gt; (MAX_OUTAGE_HOURS, default 24): while the run is followed and downloaded, a network outage, a time-out or a server error is waited out with a growing pause, for at most this many hours; then the algorithm stops and the run, which goes on on the server, can be fetched with &quot;Download scenario results&quot;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Dossier de sortie&lt;/b&gt; (OUTPUT_FOLDER) : où les résultats sont téléchargés (l&apos;extraction de chaque entité dans son propre sous-dossier) et fusionnés.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Délai&lt;/b&gt; (MAX_OUTAGE_HOURS, 24 par défaut) : pendant le suivi et le téléchargement, une coupure du réseau, un dépassement de délai ou une erreur du serveur est attendu avec une pause croissante, pendant ce nombre d&apos;heures au plus ; l&apos;algorithme s&apos;arrête ensuite et l&apos;extraction, qui continue sur le serveur, peut être récupérée avec « Télécharger les résultats d&apos;un scénario ».&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="148"/>
        <source>Project {}, scenario {}, activity {}.</source>
        <translation>Projet {}, scénario {}, activité {}.</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="88"/>
        <source>&lt;p&gt;Runs BrightEarth On Demand extractions (buildings, trees, roads, land clutter, terrain) over polygons, waits for them, downloads the results and merges them into one layer per output kind. The service charges credits for each extraction.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Area of interest&lt;/b&gt; (INPUT): polygon features in any CRS (sent in WGS 84); with &quot;Selected features only&quot; only the selection is used.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Extractions&lt;/b&gt; (MODE): 0 = one extraction per feature (a project and a scenario for each, results merged together), 1 = one extraction for all features (their union as a single area).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Extraction name&lt;/b&gt; (NAME) names the project and scenario; with &lt;b&gt;name field&lt;/b&gt; (NAME_FIELD) each feature&apos;s value names its extraction.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Lance des extractions BrightEarth On Demand (bâti, végétation, routes, occupation du sol, terrain) sur des polygones, attend leur fin, télécharge les résultats et les fusionne en une couche par type de sortie. Le service décompte des crédits pour chaque extraction.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Zone d&apos;intérêt&lt;/b&gt; (INPUT) : des entités polygonales dans n&apos;importe quel SCR (envoyées en WGS 84) ; avec « Entités sélectionnées uniquement », seule la sélection est utilisée.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Extractions&lt;/b&gt; (MODE) : 0 = une extraction par entité (un projet et un scénario pour chacune, résultats fusionnés ensemble), 1 = une seule extraction pour toutes les entités (leur union comme zone unique).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Nom de l&apos;extraction&lt;/b&gt; (NAME) nomme le projet et le scénario ; avec le &lt;b&gt;champ de nom&lt;/b&gt; (NAME_FIELD), la valeur de chaque entité nomme son extraction.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="161"/>
        <location filename="../processing_provider/run_extraction.py" line="173"/>
        <source>Extraction &quot;{}&quot; failed: {}</source>
        <translation>L&apos;extraction « {} » a échoué : {}</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="161"/>
        <source>The area of &quot;{}&quot; cannot be sent: {}</source>
        <translation>La zone de « {} » ne peut pas être envoyée : {}</translation>
    </message>
    <message>
        <location filename="../processing_provider/run_extraction.py" line="170"/>
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
        <location filename="../ui/settings_panel.py" line="45"/>
        <source>EPSG:3857 (Web Mercator)</source>
        <translation>EPSG:3857 (Web Mercator)</translation>
    </message>
    <message>
        <location filename="../processing_provider/scenario_parameters.py" line="55"/>
        <location filename="../ui/settings_panel.py" line="46"/>
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
        <location filename="../ui/account_panel.py" line="135"/>
        <source>BrightEarth On Demand: credits</source>
        <translation>BrightEarth On Demand : crédits</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="162"/>
        <source>Signing in to {}…</source>
        <translation>Connexion à {}…</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="164"/>
        <source>BrightEarth On Demand: sign in</source>
        <translation>BrightEarth On Demand : connexion</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="249"/>
        <source>Signed in as &lt;b&gt;{}&lt;/b&gt;&lt;br&gt;Credits: &lt;b&gt;{}&lt;/b&gt;</source>
        <translation>Connecté en tant que &lt;b&gt;{}&lt;/b&gt;&lt;br&gt;Crédits : &lt;b&gt;{}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="87"/>
        <source>Enter your email and password, then click Sign in.</source>
        <translation>Saisissez votre e-mail et votre mot de passe, puis cliquez sur Se connecter.</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="119"/>
        <source>Signed out. The remembered password was removed from the QGIS password store.</source>
        <translation>Déconnecté. Le mot de passe mémorisé a été retiré du magasin de mots de passe de QGIS.</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="120"/>
        <source>Signed out.</source>
        <translation>Déconnecté.</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="176"/>
        <source>Sign in failed: {}</source>
        <translation>Échec de la connexion : {}</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="222"/>
        <source>Not signed in: your remembered password stays locked. Enter your password and click Sign in.</source>
        <translation>Non connecté : votre mot de passe mémorisé reste verrouillé. Saisissez votre mot de passe et cliquez sur Se connecter.</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="236"/>
        <source>The server changed: sign in again.</source>
        <translation>Le serveur a changé : reconnectez-vous.</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="254"/>
        <source>Not signed in.</source>
        <translation>Non connecté.</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="207"/>
        <source>Your password was not remembered: you will sign in again next time.</source>
        <translation>Votre mot de passe n&apos;a pas été mémorisé : vous vous reconnecterez la prochaine fois.</translation>
    </message>
    <message>
        <location filename="../ui/account_panel.py" line="251"/>
        <source>Server: {}</source>
        <translation>Serveur : {}</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="46"/>
        <source>Several areas: one outline</source>
        <translation>Plusieurs zones : un seul contour</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="47"/>
        <source>Features that do not touch are joined by the outline around them: one extraction</source>
        <translation>Les entités disjointes sont réunies par le contour qui les entoure : une seule extraction</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="49"/>
        <source>Several areas: one run each</source>
        <translation>Plusieurs zones : une extraction chacune</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="50"/>
        <source>Features that do not touch get one extraction each</source>
        <translation>Chaque entité disjointe a sa propre extraction</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="179"/>
        <source>An area needs at least three corners; {} placed so far. Keep clicking on the map, or press Esc to cancel.</source>
        <translation>Une zone demande au moins trois sommets ; {} placé(s) pour l&apos;instant. Continuez à cliquer sur la carte, ou appuyez sur Échap pour annuler.</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="226"/>
        <source>valid (repaired)</source>
        <translation>valide (réparée)</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="226"/>
        <source>valid</source>
        <translation>valide</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="229"/>
        <source>Area: &lt;b&gt;{} km²&lt;/b&gt; (at most {} km² per extraction) · {} vertices · {}</source>
        <translation>Surface : &lt;b&gt;{} km²&lt;/b&gt; (au plus {} km² par extraction) · {} sommets · {}</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="170"/>
        <location filename="../ui/aoi_panel.py" line="252"/>
        <source>The previous area is kept.</source>
        <translation>La zone précédente est conservée.</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="193"/>
        <source>Click on the map to add corners; right-click or double-click to finish; Backspace removes the last corner; Esc cancels.</source>
        <translation>Cliquez sur la carte pour ajouter des sommets ; clic droit ou double-clic pour terminer ; Retour arrière supprime le dernier sommet ; Échap annule.</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="224"/>
        <source>No area yet: draw one, pick a layer or use the map extent.</source>
        <translation>Pas encore de zone : dessinez-en une, choisissez une couche ou utilisez l&apos;emprise de la carte.</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="233"/>
        <source>{} extractions will run, one per area.</source>
        <translation>{} extractions seront lancées, une par zone.</translation>
    </message>
    <message>
        <location filename="../ui/aoi_panel.py" line="236"/>
        <source>The outline covers {} km², {} times the {} km² of the features: “Several areas: one run each” extracts (and charges) only the features.</source>
        <translation>Le contour couvre {} km², {} fois les {} km² des entités : « Plusieurs zones : une extraction chacune » n&apos;extrait (et ne facture) que les entités.</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="128"/>
        <source>No run yet. Runs show here while they go on, and stay listed after they end.</source>
        <translation>Aucune extraction pour l&apos;instant. Les extractions s&apos;affichent ici pendant qu&apos;elles tournent et restent listées une fois terminées.</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="134"/>
        <location filename="../ui/dock.py" line="176"/>
        <source>Jobs</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="135"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="242"/>
        <source>Sign in first (section 1).</source>
        <translation>Connectez-vous d&apos;abord (section 1).</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="244"/>
        <source>Choose an area of interest first (section 2).</source>
        <translation>Choisissez d&apos;abord une zone d&apos;intérêt (section 2).</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="256"/>
        <source>{} km²</source>
        <translation>{} km²</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="329"/>
        <source>Sign in: the runs waiting for the account resume by themselves.</source>
        <translation>Connectez-vous : les extractions en attente du compte reprendront d&apos;elles-mêmes.</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="176"/>
        <source>Jobs ({} running)</source>
        <translation>Tâches ({} en cours)</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="194"/>
        <source>{} ({} of {})</source>
        <translation>{} ({} sur {})</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="211"/>
        <source>{} extraction(s) started. You can keep working; progress is under Jobs, below.</source>
        <translation>{} extraction(s) lancée(s). Vous pouvez continuer à travailler ; la progression est sous Tâches, plus bas.</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="258"/>
        <source>{} in {} extractions</source>
        <translation>{} en {} extractions</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="259"/>
        <source>Area: {} (at most {} km² each).</source>
        <translation>Surface : {} (au plus {} km² chacune).</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="268"/>
        <source>Results go to: {}</source>
        <translation>Résultats dans : {}</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="278"/>
        <source>Start the extraction on BrightEarth On Demand</source>
        <translation>Lancer l&apos;extraction sur BrightEarth On Demand</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="305"/>
        <source>Credits: {} before, {} now.</source>
        <translation>Crédits : {} avant, {} maintenant.</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="316"/>
        <source>“{}”: {}</source>
        <translation>« {} » : {}</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="262"/>
        <source>Estimated cost: about {} credits ({} per km², from your last {} run(s)).</source>
        <translation>Coût estimé : environ {} crédits ({} par km², d&apos;après vos {} dernière(s) extraction(s)).</translation>
    </message>
    <message>
        <location filename="../ui/dock.py" line="265"/>
        <source>Cost: charged by area; an estimate appears after your first run here.</source>
        <translation>Coût : facturé à la surface ; une estimation s&apos;affichera après votre première extraction ici.</translation>
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
        <location filename="../ui/jobs_panel.py" line="36"/>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="41"/>
        <location filename="../ui/jobs_panel.py" line="46"/>
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
        <location filename="../ui/history_panel.py" line="161"/>
        <location filename="../ui/history_panel.py" line="163"/>
        <source>Project {}</source>
        <translation>Projet {}</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="164"/>
        <source>Created {}</source>
        <translation>Créé le {}</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="179"/>
        <source>{} project(s), {} extraction(s).</source>
        <translation>{} projet(s), {} extraction(s).</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="181"/>
        <source>No project yet on this account.</source>
        <translation>Pas encore de projet sur ce compte.</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="170"/>
        <source>Scenario {}</source>
        <translation>Scénario {}</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="172"/>
        <location filename="../ui/jobs_panel.py" line="236"/>
        <source>Project {}, scenario {}</source>
        <translation>Projet {}, scénario {}</translation>
    </message>
    <message>
        <location filename="../ui/job_rows.py" line="36"/>
        <source>{} · {}</source>
        <translation>{} · {}</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="42"/>
        <source>Stopped following</source>
        <translation>Suivi arrêté</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="31"/>
        <source>Waiting for sign-in</source>
        <translation>En attente de connexion</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="33"/>
        <source>Ready: open {}</source>
        <translation>Prêt : ouvrez {}</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="39"/>
        <source>Stopped following: finished on the server</source>
        <translation>Suivi arrêté : terminée sur le serveur</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="41"/>
        <source>Stopped following: failed on the server</source>
        <translation>Suivi arrêté : échec sur le serveur</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="44"/>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="47"/>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="48"/>
        <source>Interrupted</source>
        <translation>Interrompu</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="93"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="93"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="93"/>
        <source>Progress</source>
        <translation>Progrès</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="93"/>
        <source>Time</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="198"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="199"/>
        <source>Cancel before the extraction starts on the server: nothing is charged</source>
        <translation>Annuler avant que l&apos;extraction ne démarre sur le serveur : rien n&apos;est facturé</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="201"/>
        <source>Stop following</source>
        <translation>Ne plus suivre</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="202"/>
        <source>The extraction goes on on the server and is charged; download it later here or from History</source>
        <translation>L&apos;extraction continue sur le serveur et est facturée ; téléchargez-la plus tard ici ou depuis l&apos;Historique</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="205"/>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="205"/>
        <source>Download and load the results of this extraction</source>
        <translation>Télécharger et charger les résultats de cette extraction</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="207"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="207"/>
        <source>Follow this extraction again and download its results</source>
        <translation>Suivre de nouveau cette extraction et télécharger ses résultats</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="209"/>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="209"/>
        <source>Sign in to follow this extraction again</source>
        <translation>Se connecter pour suivre de nouveau cette extraction</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="234"/>
        <source>Project: {}</source>
        <translation>Projet : {}</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="238"/>
        <source>Folder: {}</source>
        <translation>Dossier : {}</translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.py" line="149"/>
        <source>Could not resume: {}</source>
        <translation>Reprise impossible : {}</translation>
    </message>
    <message>
        <location filename="../ui/master_password.py" line="30"/>
        <source>To remember your BrightEarth On Demand password, the plugin keeps it in the QGIS password store, which QGIS locks with its master password.</source>
        <translation>Pour mémoriser votre mot de passe BrightEarth On Demand, l&apos;extension le conserve dans le magasin de mots de passe de QGIS, que QGIS verrouille avec son mot de passe principal.</translation>
    </message>
    <message>
        <location filename="../ui/master_password.py" line="57"/>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <location filename="../ui/master_password.py" line="58"/>
        <source>Not now</source>
        <translation>Pas maintenant</translation>
    </message>
    <message>
        <location filename="../ui/master_password.py" line="33"/>
        <source>Extractions were still running when QGIS closed. To follow them and download their results, BrightEarth On Demand reads your remembered password from the QGIS password store, which QGIS locks with its master password.</source>
        <translation>Des extractions étaient encore en cours à la fermeture de QGIS. Pour les suivre et télécharger leurs résultats, BrightEarth On Demand lit votre mot de passe mémorisé dans le magasin de mots de passe de QGIS, que QGIS verrouille avec son mot de passe principal.</translation>
    </message>
    <message>
        <location filename="../ui/master_password.py" line="37"/>
        <source>You asked BrightEarth On Demand to remember your password. To sign you in, the plugin reads it from the QGIS password store, which QGIS locks with its master password.</source>
        <translation>Vous avez demandé à BrightEarth On Demand de mémoriser votre mot de passe. Pour vous connecter, l&apos;extension le lit dans le magasin de mots de passe de QGIS, que QGIS verrouille avec son mot de passe principal.</translation>
    </message>
    <message>
        <location filename="../ui/master_password.py" line="40"/>
        <source>QGIS has no master password yet: it will now ask you to choose one. It protects every password QGIS keeps; you enter it once per QGIS session.</source>
        <translation>QGIS n&apos;a pas encore de mot de passe principal : il va vous demander d&apos;en choisir un. Il protège tous les mots de passe que QGIS conserve ; vous le saisissez une fois par session de QGIS.</translation>
    </message>
    <message>
        <location filename="../ui/master_password.py" line="43"/>
        <source>QGIS will now ask for that master password (once per QGIS session).</source>
        <translation>QGIS va maintenant demander ce mot de passe principal (une fois par session de QGIS).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="54"/>
        <source>The area ({} km²) is larger than the {} km² BrightEarth On Demand accepts per extraction: draw a smaller area, zoom in for the map extent, or use a layer of separate areas with “one run each”.</source>
        <translation>La zone ({} km²) dépasse les {} km² que BrightEarth On Demand accepte par extraction : dessinez une zone plus petite, zoomez pour l&apos;emprise de la carte, ou utilisez une couche de zones distinctes avec « une extraction chacune ».</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="16"/>
        <source>The server address “{}” is not a web address: it must start with https:// followed by the host name, for example {}. Correct it under Account &gt; Advanced.</source>
        <translation>L&apos;adresse du serveur « {} » n&apos;est pas une adresse web : elle doit commencer par https:// suivi du nom d&apos;hôte, par exemple {}. Corrigez-la dans Compte &gt; Avancé.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="20"/>
        <source>{} answered, but it is not a BrightEarth On Demand server (it has no BEOD sign-in). Check the server address under Account &gt; Advanced.</source>
        <translation>{} a répondu, mais ce n&apos;est pas un serveur BrightEarth On Demand (il n&apos;a pas de connexion BEOD). Vérifiez l&apos;adresse du serveur dans Compte &gt; Avancé.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="25"/>
        <source>Wrong email or password. Check them and sign in again.</source>
        <translation>E-mail ou mot de passe incorrect. Vérifiez-les et reconnectez-vous.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="27"/>
        <source>Cannot reach the BrightEarth On Demand server ({}). Check the internet connection, the proxy (Settings &gt; Options &gt; Network) and the server under Account &gt; Advanced.</source>
        <translation>Le serveur BrightEarth On Demand est injoignable ({}). Vérifiez la connexion internet, le proxy (Préférences &gt; Options &gt; Réseau) et le serveur dans Compte &gt; Avancé.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="33"/>
        <source>The server had a problem; try again in a few minutes. ({})</source>
        <translation>Le serveur a rencontré un problème ; réessayez dans quelques minutes. ({})</translation>
    </message>
    <message>
        <location filename="../ui/settings_panel.py" line="108"/>
        <location filename="../ui/settings_panel.py" line="47"/>
        <source>Extraction {}</source>
        <translation>Extraction {}</translation>
    </message>
    <message>
        <location filename="../ui/settings_panel.py" line="117"/>
        <source>Only 3D Tiles are chosen, and this QGIS cannot show them (QGIS 3.34 or newer can): the run will be charged and add nothing to the map; its files are saved to disk.</source>
        <translation>Seules les 3D Tiles sont choisies, et cette version de QGIS ne sait pas les afficher (QGIS 3.34 ou plus récent le peut) : l&apos;extraction sera facturée sans rien ajouter à la carte ; ses fichiers sont enregistrés sur le disque.</translation>
    </message>
    <message>
        <location filename="../ui/settings_panel.py" line="115"/>
        <source>3D Tiles will only be saved to disk: this QGIS cannot show them (QGIS 3.34 or newer can).</source>
        <translation>Les 3D Tiles seront seulement enregistrées sur le disque : cette version de QGIS ne sait pas les afficher (QGIS 3.34 ou plus récent le peut).</translation>
    </message>
    <message>
        <location filename="../ui/settings_panel.py" line="128"/>
        <source>Choose at least one output format in Extraction settings.</source>
        <translation>Choisissez au moins un format de sortie dans Paramètres d&apos;extraction.</translation>
    </message>
    <message>
        <location filename="../ui/settings_panel.py" line="130"/>
        <source>Choose the folder where the results are saved (Extraction settings &gt; Save to).</source>
        <translation>Choisissez le dossier où enregistrer les résultats (Paramètres d&apos;extraction &gt; Enregistrer dans).</translation>
    </message>
    <message>
        <location filename="../ui/settings_panel.py" line="156"/>
        <source>Folder for the extraction results</source>
        <translation>Dossier des résultats d&apos;extraction</translation>
    </message>
    <message>
        <location filename="../ui/view3d.py" line="38"/>
        <source>Extruded buildings and trees</source>
        <translation>Bâti et végétation extrudés</translation>
    </message>
    <message>
        <location filename="../ui/view3d.py" line="39"/>
        <source>The server&apos;s 3D Tiles</source>
        <translation>Les 3D Tiles du serveur</translation>
    </message>
    <message>
        <location filename="../ui/view3d.py" line="40"/>
        <source>Both</source>
        <translation>Les deux</translation>
    </message>
    <message>
        <location filename="../ui/view3d.py" line="306"/>
        <source>3D</source>
        <translation>3D</translation>
    </message>
    <message>
        <location filename="../ui/view3d.py" line="307"/>
        <source>Show in 3D: the buildings and trees standing on the extracted terrain</source>
        <translation>Afficher en 3D : le bâti et la végétation posés sur le terrain extrait</translation>
    </message>
    <message>
        <location filename="../ui/view3d.py" line="99"/>
        <source>This QGIS was built without 3D views.</source>
        <translation>Cette version de QGIS a été compilée sans vues 3D.</translation>
    </message>
    <message>
        <location filename="../ui/view3d.py" line="103"/>
        <source>The results of “{}” are not in the project: load them first.</source>
        <translation>Les résultats de « {} » ne sont pas dans le projet : chargez-les d&apos;abord.</translation>
    </message>
    <message>
        <location filename="../ui/view3d.py" line="145"/>
        <source>This QGIS has no 3D map views.</source>
        <translation>Cette version de QGIS n&apos;a pas de vues cartographiques 3D.</translation>
    </message>
    <message>
        <location filename="../ui/view3d.py" line="150"/>
        <source>A 3D view needs a projected coordinate reference system: set the project&apos;s CRS to the results&apos; one ({}) and try again.</source>
        <translation>Une vue 3D demande un système de coordonnées de référence projeté : donnez au projet le SCR des résultats ({}) et réessayez.</translation>
    </message>
    <message>
        <location filename="../ui/view3d.py" line="243"/>
        <source>The 3D view shows a flat terrain: its terrain could not be set to {}.</source>
        <translation>La vue 3D montre un terrain plat : son terrain n&apos;a pas pu être réglé sur {}.</translation>
    </message>
    <message>
        <location filename="../ui/view3d.py" line="364"/>
        <location filename="../ui/view3d.py" line="425"/>
        <source>Show in 3D</source>
        <translation>Afficher en 3D</translation>
    </message>
    <message>
        <location filename="../ui/view3d.py" line="365"/>
        <source>Open a 3D view of these results</source>
        <translation>Ouvrir une vue 3D de ces résultats</translation>
    </message>
    <message>
        <location filename="../ui/view3d.py" line="115"/>
        <source>The 3D view API of this QGIS differs: {}</source>
        <translation>L&apos;API des vues 3D de cette version de QGIS est différente : {}</translation>
    </message>
    <message>
        <location filename="../ui/view3d.py" line="285"/>
        <source>Tilt Down</source>
        <translation>Incliner vers le bas</translation>
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
        <source>3D Tiles were not loaded: QGIS {} cannot display them (QGIS 3.34 or newer can). They are in {}.</source>
        <translation type="vanished">Les 3D Tiles n&apos;ont pas été chargées : QGIS {} ne sait pas les afficher (QGIS 3.34 ou plus récent le sait). Elles sont dans {}.</translation>
    </message>
    <message>
        <source>Credits: {} before, {} after.</source>
        <translation type="vanished">Crédits : {} avant, {} après.</translation>
    </message>
    <message>
        <source>Could not read the credits: {}</source>
        <translation type="vanished">Impossible de lire les crédits : {}</translation>
    </message>
    <message>
        <source>&lt;p&gt;Downloads the results of a finished BrightEarth On Demand scenario (again) and merges them into one layer per output kind, as &quot;Run extraction&quot; does. Files already downloaded completely are not fetched again.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Project id&lt;/b&gt; (PROJECT_ID) and &lt;b&gt;Scenario id&lt;/b&gt; (SCENARIO_ID): shown by &quot;List projects and scenarios&quot; and output by &quot;Run extraction&quot;.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Output folder&lt;/b&gt; (OUTPUT_FOLDER): where the files are downloaded and merged.&lt;/p&gt;</source>
        <translation type="vanished">&lt;p&gt;Télécharge (à nouveau) les résultats d&apos;un scénario BrightEarth On Demand terminé et les fusionne en une couche par type de sortie, comme le fait « Lancer l&apos;extraction ». Les fichiers déjà entièrement téléchargés ne sont pas récupérés de nouveau.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Identifiant du projet&lt;/b&gt; (PROJECT_ID) et &lt;b&gt;identifiant du scénario&lt;/b&gt; (SCENARIO_ID) : affichés par « Lister les projets et les scénarios » et renvoyés par « Lancer l&apos;extraction ».&lt;/p&gt;&lt;p&gt;&lt;b&gt;Dossier de sortie&lt;/b&gt; (OUTPUT_FOLDER) : où les fichiers sont téléchargés et fusionnés.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The output folder {} already holds files: results found there are merged with the new ones. Choose an empty folder to keep runs apart.</source>
        <translation type="vanished">Le dossier de sortie {} contient déjà des fichiers : les résultats qui s&apos;y trouvent sont fusionnés avec les nouveaux. Choisissez un dossier vide pour séparer les exécutions.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Output folder&lt;/b&gt; (OUTPUT_FOLDER): where the results are downloaded (each feature&apos;s run in its own sub-folder) and merged.&lt;/p&gt;</source>
        <translation type="vanished">&lt;p&gt;&lt;b&gt;Dossier de sortie&lt;/b&gt; (OUTPUT_FOLDER) : où les résultats sont téléchargés (l&apos;exécution de chaque entité dans son propre sous-dossier) et fusionnés.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Signed out. The remembered password was removed.</source>
        <translation type="vanished">Déconnecté. Le mot de passe mémorisé a été supprimé.</translation>
    </message>
    <message>
        <source>Area: &lt;b&gt;{} km²&lt;/b&gt; · {} vertices · {}</source>
        <translation type="vanished">Surface : &lt;b&gt;{} km²&lt;/b&gt; · {} sommets · {}</translation>
    </message>
    <message>
        <source>{} extraction(s) started. You can keep working; progress is under Jobs.</source>
        <translation type="vanished">{} extraction(s) lancée(s). Vous pouvez continuer à travailler ; la progression est dans Tâches.</translation>
    </message>
    <message>
        <source>“{}”: credits {} before, {} after.</source>
        <translation type="vanished">« {} » : crédits {} avant, {} après.</translation>
    </message>
    <message>
        <source>Stop this job (an extraction already started keeps running on the server)</source>
        <translation type="vanished">Arrêter cette tâche (une extraction déjà lancée continue sur le serveur)</translation>
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
