<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" minScale="1e+08" styleCategories="AllStyleCategories" maxScale="0" hasScaleBasedVisibilityFlag="0">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal enabled="0" fetchMode="0" mode="0">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <customproperties>
    <Option type="Map">
      <Option value="Value" name="identify/format" type="QString"/>
    </Option>
  </customproperties>
  <pipe-data-defined-properties>
    <Option type="Map">
      <Option value="" name="name" type="QString"/>
      <Option name="properties"/>
      <Option value="collection" name="type" type="QString"/>
    </Option>
  </pipe-data-defined-properties>
  <pipe>
    <provider>
      <resampling zoomedInResamplingMethod="bilinear" enabled="true" maxOversampling="2" zoomedOutResamplingMethod="bilinear"/>
    </provider>
    <rasterrenderer nodataColor="" band="1" alphaBand="-1" opacity="1" classificationMin="0" classificationMax="1000" type="singlebandpseudocolor">
      <minMaxOrigin>
        <limits>None</limits>
        <extent>WholeRaster</extent>
        <statAccuracy>Estimated</statAccuracy>
        <cumulativeCutLower>0.02</cumulativeCutLower>
        <cumulativeCutUpper>0.98</cumulativeCutUpper>
        <stdDevFactor>2</stdDevFactor>
      </minMaxOrigin>
      <rastershader>
        <colorrampshader clip="0" labelPrecision="6" classificationMode="1" maximumValue="1000" colorRampType="INTERPOLATED" minimumValue="0">
          <colorramp name="[source]" type="gradient">
            <Option type="Map">
              <Option value="31,110,67,255" name="color1" type="QString"/>
              <Option value="242,242,242,255" name="color2" type="QString"/>
              <Option value="0" name="discrete" type="QString"/>
              <Option value="gradient" name="rampType" type="QString"/>
              <Option value="0.15;88,165,92,255:0.35;214,208,138,255:0.6;193,154,91,255:0.8;140,100,65,255" name="stops" type="QString"/>
            </Option>
            <prop k="color1" v="31,110,67,255"/>
            <prop k="color2" v="242,242,242,255"/>
            <prop k="discrete" v="0"/>
            <prop k="rampType" v="gradient"/>
            <prop k="stops" v="0.15;88,165,92,255:0.35;214,208,138,255:0.6;193,154,91,255:0.8;140,100,65,255"/>
          </colorramp>
          <item value="0" color="#1f6e43" alpha="255" label="0"/>
          <item value="150" color="#58a55c" alpha="255" label="150"/>
          <item value="350" color="#d6d08a" alpha="255" label="350"/>
          <item value="600" color="#c19a5b" alpha="255" label="600"/>
          <item value="800" color="#8c6441" alpha="255" label="800"/>
          <item value="1000" color="#f2f2f2" alpha="255" label="1000"/>
          <rampLegendSettings orientation="2" maximumLabel="" suffix=" m" useContinuousLegend="1" prefix="" direction="0" minimumLabel="">
            <numericFormat id="basic">
              <Option type="Map">
                <Option value="" name="decimal_separator" type="QChar"/>
                <Option value="0" name="decimals" type="int"/>
                <Option value="0" name="rounding_type" type="int"/>
                <Option value="false" name="show_plus" type="bool"/>
                <Option value="true" name="show_thousand_separator" type="bool"/>
                <Option value="false" name="show_trailing_zeros" type="bool"/>
                <Option value="" name="thousand_separator" type="QChar"/>
              </Option>
            </numericFormat>
          </rampLegendSettings>
        </colorrampshader>
      </rastershader>
    </rasterrenderer>
    <brightnesscontrast contrast="0" gamma="1" brightness="0"/>
    <huesaturation colorizeBlue="128" saturation="0" colorizeRed="255" invertColors="0" colorizeStrength="100" grayscaleMode="0" colorizeOn="0" colorizeGreen="128"/>
    <rasterresampler maxOversampling="2"/>
    <resamplingStage>provider</resamplingStage>
  </pipe>
  <blendMode>0</blendMode>
</qgis>
